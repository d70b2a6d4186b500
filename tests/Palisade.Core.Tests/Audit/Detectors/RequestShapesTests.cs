using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// Requests as kubectl and the controllers send them, from the fifteenth audit review (blind): health paths with their
/// queries, dry runs among other query parameters, debugging, generated names, and grants beside the contract's.
/// </summary>
public sealed class RequestShapesTests
{
    private static readonly string[] Unauthenticated = ["system:unauthenticated"];

    [Fact]
    public void Anonymous_health_and_version_paths_with_queries_or_slashes_are_exempt()
    {
        var result = Run([
            NonResource("/readyz?verbose", at: "03:00"),
            NonResource("/livez/ping", at: "03:01"),
            NonResource("/version/", at: "03:02"),
            NonResource("/healthz?exclude=etcd", at: "03:03"),
            Event("get", "configmaps", "kube-system", "cluster-info", user: "system:anonymous", groups: Unauthenticated, at: "03:04"),
        ], initial: null, complete: false);
        Assert.Equal(["anonymous-access ConfigMap kube-system/cluster-info"], Raised(result));
    }

    [Theory]
    [InlineData("fieldManager=kubectl-patch&dryRun=All")]
    [InlineData("dryRun=All&fieldValidation=Strict")]
    [InlineData("dryRun=All&dryRun=All")]
    public void A_dry_run_among_other_query_parameters_raises_nothing_and_changes_nothing(string query)
    {
        const string Nodeport = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":80}]}}""";
        var result = Run([
            Event("create", "services", "shop", request: Nodeport, level: "Request", query: query, code: 201, at: "03:00"),
            Event("patch", "networkpolicies", "shop", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", query: query, at: "03:01"),
            Event("create", "pods", "shop", "debug", subresource: "exec", query: query + "&command=sh", at: "03:02"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Theory]
    [InlineData("system:serviceaccount:kube-system:generic-garbage-collector", false)]
    [InlineData("system:serviceaccount:monitoring:prometheus", true)]
    [InlineData("system:serviceaccount:kube-systemx:reader", true)]
    [InlineData("admin@example.com", true)]
    public void Listing_secrets_in_all_namespaces_is_reported_unless_by_a_kube_system_service_account(string user, bool raised)
    {
        var result = Run([Event("list", "secrets", user: user, level: "Metadata")], initial: null, complete: false);
        Assert.Equal(raised ? ["secret-access Secret */*"] : [], Raised(result));
    }

    [Fact]
    public void Kubectl_debug_is_reported_by_its_attach_not_by_its_ephemeral_container()
    {
        var result = Run([
            Event("patch", "pods", "shop", "web", subresource: "ephemeralcontainers",
                request: """{"spec":{"ephemeralContainers":[{"name":"debugger-x","image":"busybox","stdin":true,"tty":true}]}}""", level: "Request", at: "03:00"),
            Event("create", "pods", "shop", "web", subresource: "attach", query: "container=debugger-x&stdin=true&stdout=true&tty=true", code: 101, at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal(["exec Pod shop/web"], Raised(result));
    }

    [Fact]
    public void A_generate_name_create_is_named_by_the_name_in_its_response()
    {
        const string Request = """{"apiVersion":"v1","kind":"Service","metadata":{"generateName":"web-","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},"ports":[{"port":80}]}}""";
        var response = Request.Replace("\"generateName\":\"web-\"", "\"generateName\":\"web-\",\"name\":\"web-x7k2p\"", StringComparison.Ordinal);
        var result = Run([Event("create", "services", "shop", request: Request, response: response, code: 201)], initial: null, complete: false);
        Assert.Equal(["exposure-change Service shop/web-x7k2p"], Raised(result));
    }

    [Theory]
    [InlineData("""[{"apiGroups":[""],"resources":["pods/exec"],"verbs":["create","get"]}]""")]
    [InlineData("""[{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["get","list","watch"]}]""")]
    [InlineData("""[{"nonResourceURLs":["*"],"verbs":["get"]}]""")]
    public void A_role_granting_what_the_contract_does_not_list_raises_nothing(string rules)
    {
        var role = $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"debug","namespace":"shop"},"rules":{{rules}}}""";
        Assert.Empty(Run([Event("create", "roles", "shop", request: role, level: "Request", code: 201)], initial: null, complete: false).Alerts);
    }

    [Theory]
    [InlineData("RoleBinding", "ClusterRole", "cluster-admin", true)]
    [InlineData("RoleBinding", "ClusterRole", "admin", true)]
    [InlineData("RoleBinding", "ClusterRole", "edit", false)]
    [InlineData("ClusterRoleBinding", "ClusterRole", "view", false)]
    public void A_binding_is_escalation_when_it_binds_cluster_admin_or_admin(string kind, string roleKind, string role, bool raised)
    {
        var resource = kind == "RoleBinding" ? "rolebindings" : "clusterrolebindings";
        var ns = kind == "RoleBinding" ? "shop" : null;
        var metadata = ns is null ? """{"name":"b"}""" : """{"name":"b","namespace":"shop"}""";
        var binding = $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"{{kind}}","metadata":{{metadata}},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role}}"},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"eve"}]}""";
        var result = Run([Event("create", resource, ns, request: binding, level: "Request", code: 201)], initial: null, complete: false);
        Assert.Equal(raised ? [$"rbac-escalation {kind} {(ns is null ? "" : "shop/")}b"] : [], Raised(result));
    }

    [Fact]
    public void An_aggregated_cluster_role_is_escalation_when_its_controller_folds_in_a_dangerous_rule()
    {
        const string Controller = "system:serviceaccount:kube-system:clusterrole-aggregation-controller";
        const string Created = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"monitoring"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate-to-monitoring":"true"}}]},"rules":[]}""";
        const string Apply = """{"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"monitoring"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]},{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""";
        var result = Run([
            Event("create", "clusterroles", name: null, request: Created, response: Created, code: 201, user: "alice", at: "03:00"),
            Event("patch", "clusterroles", name: "monitoring", request: Apply, level: "Request", user: Controller, query: "fieldManager=clusterrole-aggregation-controller&force=true", at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal([$"rbac-escalation ClusterRole monitoring {Controller}"], result.Alerts.Select(a => $"{a.Rule} {a.Object} {a.User}"));
    }
}
