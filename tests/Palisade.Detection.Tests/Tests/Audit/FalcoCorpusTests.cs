using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Audit;

/// <summary>
/// Falco's k8saudit fixtures (../shared/corpus/falco-k8s-audit): each file whose Falco rule docs/detection.md
/// ("Falco k8saudit rules") maps to one of our rules raises exactly that rule with <c>palisade audit FILE -o json</c>,
/// and every other file raises nothing. The expectations are written from that table and the contract, not
/// from the implementation.
/// </summary>
public sealed class FalcoCorpusTests
{
    /// <summary>File → the rule it must raise (null: nothing). fal_01_003.json is malformed on purpose and left out.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Expected = new Dictionary<string, string?>
    {
        // Anonymous Request Allowed → anonymous-access (system:anonymous, decision allow, a resource request).
        ["anonymous_creates_namespace_foo.json"] = "anonymous-access",
        // Attach to cluster-admin Role → rbac-escalation.
        ["attach_cluster_admin_role.json"] = "rbac-escalation",
        // Attach/Exec Pod → exec (logged at ResponseStarted only).
        ["attach_pod.json"] = "exec",
        ["exec_pod.json"] = "exec",
        // ClusterRole With Pod Exec Created: no rule of ours (pods/exec grants are not escalation by the contract).
        ["create_cluster_role_pod_exec.json"] = null,
        // ClusterRole With Wildcard Created → rbac-escalation (* in resources, * in verbs).
        ["create_cluster_role_wildcard_resources.json"] = "rbac-escalation",
        ["create_cluster_role_wildcard_verbs.json"] = "rbac-escalation",
        // ClusterRole With Write Privileges Created: ours only for writes on the policy kinds; this one deletes non-resource URLs.
        ["create_cluster_role_write_privileges.json"] = null,
        ["create_clusterrole.json"] = null,
        // A binding to system:basic-user.
        ["create_clusterrolebinding.json"] = null,
        // Configmap with private credentials: our contract reads no ConfigMap content.
        ["create_configmap.json"] = null,
        ["create_configmap_no_sensitive_values.json"] = null,
        ["create_configmap_sensitive_values.json"] = null,
        ["create_deployment.json"] = null,
        // Secrets created, not read.
        ["create_kube_system_secret.json"] = null,
        ["create_secret.json"] = null,
        ["create_service_account_token_secret.json"] = null,
        // Create HostNetwork Pod → host-network-pod. The pod comes from the ReplicaSet controller, but no workload of the
        // file was reported, so it is not reported "again" (issue 12: each such fixture raises the matching rule).
        ["create_nginx_pod_hostnetwork.json"] = "host-network-pod",
        ["create_nginx_pod_nohostnetwork.json"] = null,
        ["create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json"] = null,
        ["create_nginx_pod_privileged.json"] = null,
        ["create_nginx_pod_privileged_2nd_container.json"] = null,
        ["create_nginx_pod_sensitive_mount.json"] = null,
        ["create_nginx_pod_sensitive_mount_2nd_container.json"] = null,
        ["create_nginx_pod_unprivileged.json"] = null,
        ["create_nginx_pod_unsensitive_mount.json"] = null,
        // Create NodePort Service → exposure-change; ClusterIP Services raise nothing.
        ["create_nginx_service_nodeport.json"] = "exposure-change",
        ["create_nginx_service_nonodeport.json"] = null,
        ["create_service.json"] = null,
        ["create_pod_kube_public_namespace.json"] = null,
        ["create_pod_kube_system_namespace.json"] = null,
        ["create_serviceaccount.json"] = null,
        ["create_serviceaccount_kube_public_namespace.json"] = null,
        ["create_serviceaccount_kube_system_namespace.json"] = null,
        // System ClusterRole Modified/Deleted: ours only when the result grants escalation; these do not.
        ["delete_cluster_role_kube_aggregator.json"] = null,
        ["modify_cluster_role_node_problem_detector.json"] = null,
        ["delete_clusterrole.json"] = null,
        ["delete_clusterrolebinding.json"] = null,
        ["delete_configmap.json"] = null,
        ["delete_deployment.json"] = null,
        ["delete_namespace_foo.json"] = null,
        ["delete_secret.json"] = null,
        ["delete_service.json"] = null,
        ["delete_serviceaccount.json"] = null,
        ["minikube_creates_namespace_foo.json"] = null,
        ["some-user_creates_namespace_foo.json"] = null,
    };

    public static TheoryData<string> Files() => [.. Expected.Keys];

    [Fact]
    public void Every_fixture_but_the_malformed_one_has_an_expectation()
    {
        var files = Directory.GetFiles(RepoPaths.Corpus("falco-k8s-audit"), "*.json").Select(Path.GetFileName).Where(f => f != "fal_01_003.json");
        Assert.Equal(files.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_fixture_raises_exactly_the_mapped_rule(string file)
    {
        var run = CliRun.Of("audit", RepoPaths.Corpus("falco-k8s-audit", file), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var rules = json.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("rule").GetString()).ToList();
        Assert.Equal(Expected[file] is { } rule ? [rule] : [], rules);
    }
}
