using System.Text.Json.Nodes;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Cli.Tests;

/// <summary>
/// The policy <c>palisade audit-policy</c> prints records, with the bodies, what the audit detectors and the replay behind
/// <c>audit</c> and <c>flows check --audit</c> read. The printed YAML is read here on its own and judged as the API server's
/// policy checker (k8s.io/apiserver, pkg/audit/policy/checker.go) judges a request: the first rule whose every non-empty
/// selector matches decides the level (users; userGroups, one of the user's groups; verbs; then namespaces and resources,
/// <c>resource/subresource</c> as one name, <c>*</c>, <c>*/sub</c>, <c>resource/*</c>; or nonResourceURLs), and the policy's
/// omitStages join the rule's.
/// </summary>
public sealed class ShippedAuditPolicyTests
{
    private static readonly string[] Person = ["system:authenticated"];
    private static readonly string[] KubeSystemAccount = ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"];
    private static readonly string[] GitOpsAccount = ["system:serviceaccounts", "system:serviceaccounts:argocd", "system:authenticated"];
    private static readonly string[] Node = ["system:nodes", "system:authenticated"];

    private static readonly string[] Levels = ["None", "Metadata", "Request", "RequestResponse"];

    /// <summary>One request as the checker sees it: who, the verb, the group, resource (with its subresource) and namespace.</summary>
    private sealed record Request(string User, string[] Groups, string Verb, string Group, string Resource, string Namespace);

    private static readonly JsonObject Policy = ManifestYaml.ToJson(CliRun.Of("audit-policy").Output).Single();

    /// <summary>What each detector reads the body of, by a representative request.</summary>
    private static readonly Dictionary<string, Request> Needed = new()
    {
        // host-network-pod: a pod created on the host network, a workload template gaining it (by people, GitOps, controllers).
        ["a pod created"] = new("jane", Person, "create", "", "pods", "shop"),
        ["a pod its controller creates"] = new("system:serviceaccount:kube-system:replicaset-controller", KubeSystemAccount, "create", "", "pods", "shop"),
        ["a Deployment patched"] = new("jane", Person, "patch", "apps", "deployments", "shop"),
        ["a Deployment applied by GitOps"] = new("system:serviceaccount:argocd:argocd-application-controller", GitOpsAccount, "patch", "apps", "deployments", "shop"),
        ["a DaemonSet updated"] = new("jane", Person, "update", "apps", "daemonsets", "kube-system"),
        ["a StatefulSet created"] = new("jane", Person, "create", "apps", "statefulsets", "data"),
        ["a ReplicaSet its Deployment's controller creates"] = new("system:serviceaccount:kube-system:deployment-controller", KubeSystemAccount, "create", "apps", "replicasets", "shop"),
        ["a Job created"] = new("jane", Person, "create", "batch", "jobs", "batch"),
        ["a CronJob patched"] = new("jane", Person, "patch", "batch", "cronjobs", "batch"),
        ["a ReplicationController updated"] = new("jane", Person, "update", "", "replicationcontrollers", "shop"),
        // label-change-opened: pods and namespaces relabelled (namespaces are cluster-scoped: namespace "").
        ["a pod relabelled"] = new("jane", Person, "patch", "", "pods", "shop"),
        ["a namespace relabelled"] = new("jane", Person, "patch", "", "namespaces", ""),
        ["a namespace created"] = new("jane", Person, "create", "", "namespaces", ""),
        // exposure-change: an Ingress's rules and TLS; Services.
        ["an Ingress created"] = new("jane", Person, "create", "networking.k8s.io", "ingresses", "shop"),
        ["an Ingress patched"] = new("jane", Person, "patch", "networking.k8s.io", "ingresses", "shop"),
        ["a Service patched"] = new("jane", Person, "patch", "", "services", "shop"),
        // network-policy-tampering and rbac-escalation.
        ["a NetworkPolicy deleted"] = new("jane", Person, "delete", "networking.k8s.io", "networkpolicies", "shop"),
        ["a ClusterRoleBinding created"] = new("jane", Person, "create", "rbac.authorization.k8s.io", "clusterrolebindings", ""),
        // The addresses the replay resolves flows with: the kubelet reports a pod's IP in its status, and a node's own.
        ["a pod's status by its kubelet (patch)"] = new("system:node:worker-1", Node, "patch", "", "pods/status", "shop"),
        ["a pod's status by its kubelet (update)"] = new("system:node:worker-1", Node, "update", "", "pods/status", "shop"),
        ["a node registered by its kubelet"] = new("system:node:worker-1", Node, "create", "", "nodes", ""),
        ["a node's status by its kubelet"] = new("system:node:worker-1", Node, "patch", "", "nodes/status", ""),
        ["a node's addresses by the cloud controller"] = new("system:serviceaccount:kube-system:cloud-node-controller", KubeSystemAccount, "patch", "", "nodes/status", ""),
        // plaintext: Istio's mTLS mode.
        ["a PeerAuthentication created"] = new("jane", Person, "create", "security.istio.io", "peerauthentications", "istio-system"),
        ["a PeerAuthentication patched"] = new("jane", Person, "patch", "security.istio.io", "peerauthentications", "shop"),
        // exec: the request (the command) is enough.
        ["an exec"] = new("jane", Person, "create", "", "pods/exec", "shop"),
    };

    public static TheoryData<string> BodiesNeeded => [.. Needed.Keys];

    [Theory]
    [MemberData(nameof(BodiesNeeded))]
    public void Records_the_request_body_of(string what)
    {
        var (level, omitted) = Decide(Needed[what]);
        Assert.True(Array.IndexOf(Levels, level) >= Array.IndexOf(Levels, "Request"), $"{what}: level {level}");
        Assert.DoesNotContain("ResponseComplete", omitted);
    }

    [Theory]
    [InlineData("get", "", "secrets", "kube-system")]
    [InlineData("list", "", "secrets", "")]
    [InlineData("patch", "", "configmaps", "shop")]
    [InlineData("create", "authentication.k8s.io", "tokenreviews", "")]
    public void Keeps_credentials_at_metadata(string verb, string group, string resource, string ns)
    {
        // secret-access and anonymous-access need no body; credentials must not reach the log.
        Assert.Equal("Metadata", Decide(new Request("jane", Person, verb, group, resource, ns)).Level);
        Assert.Equal("Metadata", Decide(new Request("system:node:worker-1", Node, verb, group, resource, ns)).Level);
    }

    [Fact]
    public void Leaves_other_status_writes_and_reads_without_bodies()
    {
        // The bodies needed are writes; a controller's status write and the kubelet's reads stay cheap.
        Assert.Equal("Metadata", Decide(new Request("system:serviceaccount:kube-system:job-controller", KubeSystemAccount, "update", "batch", "jobs/status", "batch")).Level);
        Assert.Equal("None", Decide(new Request("system:node:worker-1", Node, "get", "", "pods", "shop")).Level);
    }

    [Fact]
    public void The_checker_here_reads_subresources_and_groups_as_the_api_server_does()
    {
        // The test's own matcher, on rules written here: "pods" is not "pods/status", a group must be equal, first match wins.
        var rules = new JsonArray(
            Rule("""{"level":"Request","userGroups":["system:nodes"],"resources":[{"group":"","resources":["pods/status"]}]}"""),
            Rule("""{"level":"RequestResponse","verbs":["patch"],"resources":[{"group":"","resources":["pods"]}]}"""),
            Rule("""{"level":"None","resources":[{"group":"apps","resources":["*/scale"]}]}"""),
            Rule("""{"level":"Request","namespaces":[""],"resources":[{"group":""}]}"""),
            Rule("""{"level":"Metadata","omitStages":["ResponseComplete"]}"""));
        var policy = new JsonObject { ["omitStages"] = new JsonArray("RequestReceived"), ["rules"] = rules };
        Assert.Equal("Request", Decide(policy, new("system:node:n", Node, "patch", "", "pods/status", "shop")).Level);
        Assert.Equal("Metadata", Decide(policy, new("jane", Person, "patch", "", "pods/status", "shop")).Level);
        Assert.Equal("RequestResponse", Decide(policy, new("jane", Person, "patch", "", "pods", "shop")).Level);
        Assert.Equal("Metadata", Decide(policy, new("jane", Person, "patch", "apps", "pods", "shop")).Level);
        Assert.Equal("None", Decide(policy, new("jane", Person, "update", "apps", "deployments/scale", "shop")).Level);
        Assert.Equal("Request", Decide(policy, new("jane", Person, "patch", "", "namespaces", "")).Level);
        Assert.Equal(["RequestReceived", "ResponseComplete"], Decide(policy, new("jane", Person, "get", "", "pods", "shop")).Omitted.Order());
    }

    private static JsonNode Rule(string json) => JsonNode.Parse(json)!;

    private static (string Level, string[] Omitted) Decide(Request request) => Decide(Policy, request);

    private static (string Level, string[] Omitted) Decide(JsonObject policy, Request request)
    {
        foreach (var rule in (JsonArray)policy["rules"]!)
        {
            if (Matches((JsonObject)rule!, request))
                return ((string)rule!["level"]!, [.. Strings(policy["omitStages"]).Union(Strings(rule["omitStages"]))]);
        }
        return ("None", []);
    }

    private static bool Matches(JsonObject rule, Request request)
    {
        var users = Strings(rule["users"]);
        if (users.Length > 0 && !users.Contains(request.User))
            return false;
        var groups = Strings(rule["userGroups"]);
        if (groups.Length > 0 && !request.Groups.Any(groups.Contains))
            return false;
        var verbs = Strings(rule["verbs"]);
        if (verbs.Length > 0 && !verbs.Contains(request.Verb))
            return false;
        var namespaces = Strings(rule["namespaces"]);
        var resources = rule["resources"] as JsonArray ?? [];
        if (namespaces.Length > 0 || resources.Count > 0)
            return (namespaces.Length == 0 || namespaces.Contains(request.Namespace)) && (resources.Count == 0 || resources.Any(r => Covers((JsonObject)r!, request)));
        // Every request here is a resource request: a rule of non-resource URLs matches none.
        return Strings(rule["nonResourceURLs"]).Length == 0;
    }

    private static bool Covers(JsonObject entry, Request request)
    {
        // The requests here name no object, so an entry limited to some matches none of them.
        if (((string?)entry["group"] ?? "") != request.Group || Strings(entry["resourceNames"]).Length > 0)
            return false;
        var resources = Strings(entry["resources"]);
        if (resources.Length == 0)
            return true;
        var slash = request.Resource.IndexOf('/', StringComparison.Ordinal);
        var (resource, subresource) = slash < 0 ? (request.Resource, "") : (request.Resource[..slash], request.Resource[(slash + 1)..]);
        return resources.Any(r => r == "*" || r == request.Resource
            || subresource.Length > 0 && r.StartsWith("*/", StringComparison.Ordinal) && r[2..] == subresource
            || r.EndsWith("/*", StringComparison.Ordinal) && r[..^2] == resource);
    }

    private static string[] Strings(JsonNode? node) => node is JsonArray list ? [.. list.Select(n => (string)n!)] : [];
}
