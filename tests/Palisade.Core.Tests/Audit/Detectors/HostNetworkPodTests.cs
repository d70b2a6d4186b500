using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>host-network-pod</c> (PRODUCT.md, Detection): a Pod created with <c>hostNetwork: true</c>, or a workload whose
/// pod template gains it; what a controller creates for a reported workload is not reported again.
/// </summary>
public sealed class HostNetworkPodTests
{
    private const string DeploymentController = "system:serviceaccount:kube-system:deployment-controller";
    private const string ReplicaSetController = "system:serviceaccount:kube-system:replicaset-controller";

    private static string Pod(string name, bool hostNetwork, string owner = "") =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"shop"{{{owner}}}},"spec":{"hostNetwork":{{{(hostNetwork ? "true" : "false")}}},"containers":[{"name":"c","image":"busybox"}]}}""";

    private static string Owner(string kind, string name) =>
        $$$""","ownerReferences":[{"apiVersion":"apps/v1","kind":"{{{kind}}}","name":"{{{name}}}","uid":"u-{{{name}}}","controller":true,"blockOwnerDeletion":true}]""";

    private static string Template(bool hostNetwork) =>
        $$$"""{"metadata":{"labels":{"app":"web"}},"spec":{{{{(hostNetwork ? "\"hostNetwork\":true," : "")}}}"containers":[{"name":"c","image":"nginx"}]}}""";

    private static string Workload(string kind, string name, bool hostNetwork, string owner = "") => kind == "CronJob"
        ? $$$"""{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"{{{name}}}","namespace":"shop"},"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":""" + Template(hostNetwork) + "}}}}"
        : $$$"""{"apiVersion":"apps/v1","kind":"{{{kind}}}","metadata":{"name":"{{{name}}}","namespace":"shop"{{{owner}}}},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{{{Template(hostNetwork)}}}}}""";

    [Fact]
    public void A_pod_created_on_the_host_network_is_reported()
    {
        var result = Run([
            Event("create", "pods", "shop", request: Pod("debug", hostNetwork: true), level: "Request", at: "03:00"),
            Event("create", "pods", "shop", request: Pod("plain", hostNetwork: false), level: "Request", at: "03:01"),
        ], initial: null, complete: false);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("host-network-pod", Severity.High, "Pod shop/debug"), (alert.Rule, alert.Severity, alert.Object));
        Assert.Equal("mallory created Pod shop/debug on the host network", alert.Message);
        Assert.Equal(["T1611"], alert.Attack);
    }

    [Fact]
    public void A_pod_created_by_server_side_apply_on_the_host_network_is_reported()
    {
        // A patch answered 201 Created made the pod; logged at Request level, its body is the patch.
        var result = Run([Event("patch", "pods", "shop", "debug", request: Pod("debug", hostNetwork: true), level: "Request", code: 201, query: "fieldManager=kubectl")], Store());
        Assert.Equal(["host-network-pod Pod shop/debug"], Raised(result));
    }

    [Theory]
    [InlineData("Deployment", "patch", "merge")]
    [InlineData("Deployment", "patch", "json")]
    [InlineData("Deployment", "update", "")]
    [InlineData("Deployment", "create", "")]
    [InlineData("DaemonSet", "create", "")]
    [InlineData("StatefulSet", "update", "")]
    [InlineData("CronJob", "patch", "merge")]
    public void A_workload_whose_pod_template_gains_the_host_network_is_reported(string kind, string verb, string patchType)
    {
        var resource = kind.ToLowerInvariant() + "s";
        var request = (verb, patchType, kind) switch
        {
            ("patch", "merge", "CronJob") => """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"hostNetwork":true}}}}}}""",
            ("patch", "merge", _) => """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""",
            ("patch", _, _) => """[{"op":"add","path":"/spec/template/spec/hostNetwork","value":true}]""",
            _ => Workload(kind, "web", hostNetwork: true),
        };
        var initial = verb == "create" ? Store() : Store(Workload(kind, "web", hostNetwork: false));
        var result = Run([Event(verb, resource, "shop", verb == "create" ? null : "web", request: request, level: "Request", user: "alice")], initial);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal($"host-network-pod {kind} shop/web", $"{alert.Rule} {alert.Object}");
        Assert.Equal($"alice {verb}{(verb.EndsWith('e') ? "d" : "ed")} {kind} shop/web with its pods on the host network", alert.Message);
    }

    [Fact]
    public void A_workload_already_on_the_host_network_or_leaving_it_raises_nothing()
    {
        var result = Run([
            Event("patch", "deployments", "shop", "agent", request: """{"spec":{"replicas":3}}""", level: "Request", at: "03:00"),
            Event("patch", "daemonsets", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":null}}}}""", level: "Request", at: "03:01"),
            Event("delete", "deployments", "shop", "agent", at: "03:02"),
        ], Store(Workload("Deployment", "agent", hostNetwork: true), Workload("DaemonSet", "web", hostNetwork: true)));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void What_the_controllers_create_for_a_reported_workload_is_not_reported_again()
    {
        // kubectl patch deployment web → the deployment controller creates a ReplicaSet → the replica set controller its pods.
        var replicaSet = Workload("ReplicaSet", "web-5d4f8c9b7", hostNetwork: true, Owner("Deployment", "web"));
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", level: "Request", user: "alice", at: "03:00"),
            Event("create", "replicasets", "shop", request: replicaSet, response: replicaSet, user: DeploymentController, at: "03:00:01"),
            Event("create", "pods", "shop", request: Pod("web-5d4f8c9b7-x2x4z", true, Owner("ReplicaSet", "web-5d4f8c9b7")), user: ReplicaSetController, at: "03:00:02"),
            Event("create", "pods", "shop", request: Pod("web-5d4f8c9b7-q8k1m", true, Owner("ReplicaSet", "web-5d4f8c9b7")), user: ReplicaSetController, at: "03:00:02.5"),
        ], Store(Workload("Deployment", "web", hostNetwork: false)));
        Assert.Equal(["host-network-pod Deployment shop/web"], Raised(result));
    }

    [Fact]
    public void The_pods_of_another_workload_whose_name_starts_with_a_reported_ones_are_reported()
    {
        // web was reported; web-api's ReplicaSet (web-api-7c9d8b6f5) and the DaemonSet web-agent are other workloads, not
        // web's controllers (a Deployment's ReplicaSet is its name and one hash, a DaemonSet owns its pods by its own name).
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", level: "Request", user: "alice", at: "03:00"),
            Event("create", "pods", "shop", request: Pod("web-5d4f8c9b7-x2x4z", true, Owner("ReplicaSet", "web-5d4f8c9b7")), user: ReplicaSetController, at: "03:01"),
            Event("create", "pods", "shop", request: Pod("web-api-7c9d8b6f5-k2x9p", true, Owner("ReplicaSet", "web-api-7c9d8b6f5")), user: ReplicaSetController, at: "03:02"),
            Event("create", "pods", "shop", request: Pod("web-agent-q8k1m", true, Owner("DaemonSet", "web-agent")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:03"),
        ], Store(Workload("Deployment", "web", hostNetwork: false)));
        Assert.Equal(["host-network-pod Deployment shop/web", "host-network-pod Pod shop/web-api-7c9d8b6f5-k2x9p", "host-network-pod Pod shop/web-agent-q8k1m"], Raised(result));
    }

    [Fact]
    public void The_pods_of_another_kind_of_workload_with_a_reported_ones_name_are_reported()
    {
        // The Deployment web was reported; the DaemonSet web (and the StatefulSet web) of the same namespace are other
        // objects, so their pods are news. The Deployment's own ReplicaSet's pods are not.
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", level: "Request", user: "alice", at: "03:00"),
            Event("create", "pods", "shop", request: Pod("web-5d4f8c9b7-x2x4z", true, Owner("ReplicaSet", "web-5d4f8c9b7")), user: ReplicaSetController, at: "03:01"),
            Event("create", "pods", "shop", request: Pod("web-q8k1m", true, Owner("DaemonSet", "web")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:02"),
            Event("create", "pods", "shop", request: Pod("web-0", true, Owner("StatefulSet", "web")), user: "system:serviceaccount:kube-system:statefulset-controller", at: "03:03"),
            Event("create", "pods", "shop", request: Pod("web-k2x9p", true, Owner("DaemonSet", "web")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:04"),
        ], Store(Workload("Deployment", "web", hostNetwork: false)));
        Assert.Equal(["host-network-pod Deployment shop/web", "host-network-pod Pod shop/web-q8k1m", "host-network-pod Pod shop/web-0"], Raised(result));
    }

    [Fact]
    public void A_workload_whose_owner_has_the_name_of_a_reported_pods_owner_of_another_kind_is_reported()
    {
        // Operators name what they make after their resource: a pod of the DaemonSet agent (an owner the state does not
        // know) was reported, and the Deployment the Agent resource agent owns is another object's change.
        var result = Run([
            Event("create", "pods", "shop", request: Pod("agent-x2x4z", true, Owner("DaemonSet", "agent")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:00"),
            Event("create", "deployments", "shop", request: Workload("Deployment", "agent", hostNetwork: true, Owner("Agent", "agent")), user: "system:serviceaccount:ops:agent-operator", at: "03:01"),
        ], Store());
        Assert.Equal(["host-network-pod Pod shop/agent-x2x4z", "host-network-pod Deployment shop/agent"], Raised(result));
    }

    [Fact]
    public void A_host_network_workload_seen_from_an_unknown_past_is_reported_once_not_per_request()
    {
        // No --cluster, writes at Request level: a GitOps controller re-applies the Deployment (server-side apply, the whole
        // configuration each time), a person patches it, an update follows a write logged without body. Each request shows a
        // template on the host network whose past is unknown: one workload, one alert. The DaemonSet of the same name is
        // another workload; a template known without it that gains it again is a new change.
        const string apply = "fieldManager=argocd-controller";
        var applied = Workload("Deployment", "web", hostNetwork: true);
        const string merge = """{"spec":{"template":{"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"nginx:2"}]}}}}""";
        const string gitops = "system:serviceaccount:argocd:argocd-application-controller";
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: applied, level: "Request", user: gitops, query: apply, at: "03:00"),
            Event("patch", "deployments", "shop", "web", request: applied, level: "Request", user: gitops, query: apply, at: "03:03"),
            Event("patch", "deployments", "shop", "web", request: merge, level: "Request", user: "alice", at: "03:04"),
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"replicas":2}}""", level: "Metadata", user: "alice", at: "03:05"),
            Event("update", "deployments", "shop", "web", request: applied, level: "Request", user: "alice", at: "03:06"),
            Event("patch", "daemonsets", "shop", "web", request: merge, level: "Request", user: "alice", at: "03:07"),
            Event("patch", "daemonsets", "shop", "web", request: merge, level: "Request", user: "alice", at: "03:08"),
            Event("update", "deployments", "shop", "web", request: Workload("Deployment", "web", hostNetwork: false), level: "Request", user: "alice", at: "03:09"),
            Event("patch", "deployments", "shop", "web", request: merge, level: "Request", user: "mallory", at: "03:10"),
        ], initial: null, complete: false);
        Assert.Equal(["host-network-pod Deployment shop/web", "host-network-pod DaemonSet shop/web", "host-network-pod Deployment shop/web"], Raised(result));
        Assert.Equal(["03:00", "03:07", "03:10"], result.Alerts.Select(a => a.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_generate_name_create_logged_without_its_response_is_judged_on_its_request()
    {
        // No response, so no name: the object is "Pod shop/*" (a collection's name), and a controller's pods still follow
        // their reported workload.
        static string Unnamed(string pod) => pod.Replace("\"name\":\"debug-\"", "\"generateName\":\"debug-\"", StringComparison.Ordinal)
            .Replace("\"name\":\"agent-\",", "\"generateName\":\"agent-\",", StringComparison.Ordinal);
        var result = Run([
            Event("create", "pods", "shop", request: Unnamed(Pod("debug-", true)), level: "Request", at: "03:00"),
            Event("create", "pods", "shop", request: Unnamed(Pod("debug-", false)), level: "Request", at: "03:01"),
            Event("create", "daemonsets", "shop", request: Workload("DaemonSet", "agent", hostNetwork: true), level: "Request", at: "03:02"),
            Event("create", "pods", "shop", request: Unnamed(Pod("agent-", true, Owner("DaemonSet", "agent"))), level: "Request", user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:03"),
        ], Store());
        Assert.Equal(["host-network-pod Pod shop/*", "host-network-pod DaemonSet shop/agent"], Raised(result));
        Assert.Equal("mallory created Pod shop/* on the host network", result.Alerts[0].Message);
    }

    [Fact]
    public void Pods_a_reported_daemonset_creates_are_not_reported_again_others_are()
    {
        var result = Run([
            Event("create", "daemonsets", "shop", request: Workload("DaemonSet", "agent", hostNetwork: true), at: "03:00"),
            Event("create", "pods", "shop", request: Pod("agent-7xk2p", true, Owner("DaemonSet", "agent")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:01"),
            Event("create", "pods", "shop", request: Pod("sniffer", true, Owner("DaemonSet", "other")), at: "03:02"),
        ], Store());
        Assert.Equal(["host-network-pod DaemonSet shop/agent", "host-network-pod Pod shop/sniffer"], Raised(result));
    }

    [Fact]
    public void What_a_controller_creates_for_a_workload_already_on_the_host_network_is_not_reported()
    {
        // A DaemonSet on the host network before the log (node-exporter) gets a pod on each new node, a CronJob on the
        // host network creates Jobs, the kubelet mirrors its static pods (owned by their Node): none is a change, the
        // workloads had it already. A ReplicaSet the state does not know, as in Falco's fixture, is judged as before.
        var mirror = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"kube-proxy-worker-1","namespace":"kube-system","ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"worker-1","uid":"n1","controller":true}]},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"kube-proxy"}]}}""";
        var job = Workload("Job", "backup-28571234", hostNetwork: true, Owner("CronJob", "backup")).Replace("apps/v1", "batch/v1", StringComparison.Ordinal);
        var result = Run([
            Event("create", "pods", "shop", request: Pod("agent-7xk2p", true, Owner("DaemonSet", "agent")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:01"),
            Event("create", "pods", "kube-system", request: mirror, user: "system:node:worker-1", at: "03:02"),
            Event("create", "jobs", "shop", request: job, user: "system:serviceaccount:kube-system:cronjob-controller", at: "03:03"),
            Event("create", "pods", "shop", request: Pod("backup-28571234-x7k2p", true, Owner("Job", "backup-28571234")), user: "system:serviceaccount:kube-system:job-controller", at: "03:04"),
            Event("create", "pods", "shop", request: Pod("web-6d8f7c9b5-k2x9p", true, Owner("ReplicaSet", "web-6d8f7c9b5")), user: ReplicaSetController, at: "03:05"),
        ], Store(Workload("DaemonSet", "agent", hostNetwork: true), Workload("CronJob", "backup", hostNetwork: true)));
        Assert.Equal(["host-network-pod Pod shop/web-6d8f7c9b5-k2x9p"], Raised(result));
    }

    [Fact]
    public void The_pods_of_an_owner_the_state_does_not_know_are_reported_once()
    {
        // The first pod of an unknown ReplicaSet on the host network is news; its replicas after it are that news again.
        var result = Run([
            Event("create", "pods", "shop", request: Pod("web-6d8f7c9b5-k2x9p", true, Owner("ReplicaSet", "web-6d8f7c9b5")), user: ReplicaSetController, at: "03:00"),
            Event("create", "pods", "shop", request: Pod("web-6d8f7c9b5-q8k1m", true, Owner("ReplicaSet", "web-6d8f7c9b5")), user: ReplicaSetController, at: "03:01"),
            Event("create", "pods", "shop", request: Pod("api-7c9d8b6f5-x2x4z", true, Owner("ReplicaSet", "api-7c9d8b6f5")), user: ReplicaSetController, at: "03:02"),
        ], Store());
        Assert.Equal(["host-network-pod Pod shop/web-6d8f7c9b5-k2x9p", "host-network-pod Pod shop/api-7c9d8b6f5-x2x4z"], Raised(result));
    }

    [Fact]
    public void A_controllers_update_of_a_replica_set_first_logged_without_body_is_not_reported_again()
    {
        var replicaSet = Workload("ReplicaSet", "web-5d4f8c9b7", hostNetwork: true, Owner("Deployment", "web"));
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", level: "Request", user: "alice", at: "03:00"),
            Event("create", "replicasets", "shop", "web-5d4f8c9b7", level: "Metadata", user: DeploymentController, at: "03:00:01"),
            Event("update", "replicasets", "shop", "web-5d4f8c9b7", request: replicaSet, response: replicaSet, user: DeploymentController, at: "03:00:05"),
        ], Store(Workload("Deployment", "web", hostNetwork: false)));
        Assert.Equal(["host-network-pod Deployment shop/web"], Raised(result));
    }

    [Fact]
    public void A_pod_of_a_replica_set_or_job_the_state_lacks_whose_workload_was_on_the_host_network_is_not_reported()
    {
        // A cluster of manifests holds the Deployment and the CronJob, not the ReplicaSet or the Job their controllers made:
        // the names tell whose they are. A Deployment without hostNetwork gives no such cover.
        var job = Owner("Job", "backup-28571234").Replace("apps/v1", "batch/v1", StringComparison.Ordinal);
        var result = Run([
            Event("create", "pods", "shop", request: Pod("ingress-5d4f8c9b7-x2x4z", true, Owner("ReplicaSet", "ingress-5d4f8c9b7")), user: ReplicaSetController, at: "03:00"),
            Event("create", "pods", "shop", request: Pod("backup-28571234-k2x9p", true, job), user: "system:serviceaccount:kube-system:job-controller", at: "03:01"),
            Event("create", "pods", "shop", request: Pod("web-6d8f7c9b5-q8k1m", true, Owner("ReplicaSet", "web-6d8f7c9b5")), user: ReplicaSetController, at: "03:02"),
        ], Store(Workload("Deployment", "ingress", hostNetwork: true), Workload("CronJob", "backup", hostNetwork: true), Workload("Deployment", "web", hostNetwork: false)));
        Assert.Equal(["host-network-pod Pod shop/web-6d8f7c9b5-q8k1m"], Raised(result));
    }

    [Fact]
    public void A_pod_of_an_owner_whose_pods_already_ran_on_the_host_network_is_not_reported()
    {
        // The cluster was dumped with its pods but without the DaemonSet: its pods show it is on the host network.
        var result = Run([
            Event("create", "pods", "shop", request: Pod("kube-proxy-b7k2p", true, Owner("DaemonSet", "kube-proxy")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:00"),
            Event("create", "pods", "shop", request: Pod("agent-x2k9p", true, Owner("DaemonSet", "agent")), user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:01"),
        ], Store(Pod("kube-proxy-a1b2c", true, Owner("DaemonSet", "kube-proxy")), Pod("agent-q1w2e", false, Owner("DaemonSet", "agent"))));
        Assert.Equal(["host-network-pod Pod shop/agent-x2k9p"], Raised(result));
    }
}
