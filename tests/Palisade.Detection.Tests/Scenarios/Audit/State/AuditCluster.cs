using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;
using static Palisade.Detection.Tests.Scenarios.Cluster.PolicyCatalog;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>
/// The cluster the audit scenarios start from: the flow scenarios' cluster (<see cref="ClusterFactory"/>, seed 7)
/// plus what the audit rules act on: two policies a relabel can satisfy (payments admits namespaces labelled
/// trust=high; data admits pods labelled db-access=granted), an AdminNetworkPolicy denying dev into payments,
/// the default ClusterRoles and a few of our own, secrets, an Ingress, a Service with an external IP and a
/// DaemonSet without hostNetwork.
/// </summary>
public static class AuditCluster
{
    public const int Seed = 7;

    public static ClusterSpec Spec() => ClusterFactory.Create(Seed);

    public static ClusterState Initial(ClusterSpec cluster) => ClusterState.Of(cluster).Pipe(s => Extras().Aggregate(s, (state, o) => state.With(o)));

    private static ClusterState Pipe(this ClusterState state, Func<ClusterState, ClusterState> f) => f(state);

    public static IEnumerable<JsonObject> Extras()
    {
        yield return PolicyCatalog.Policy("payments", "allow-trusted-namespaces", PodSelector(("app", "payment-gateway")), ["Ingress"], ingress: Arr(
            Rule([Obj(("namespaceSelector", Obj(("matchLabels", Map(("trust", "high"))))))], Port(8080))));
        yield return PolicyCatalog.Policy("data", "allow-db-clients", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Obj(("namespaceSelector", new JsonObject()), ("podSelector", Obj(("matchLabels", Map(("db-access", "granted"))))))], Port(5432))));
        yield return AdminPolicy("deny-dev-to-payments", 20, "Deny", ("kubernetes.io/metadata.name", "payments"), ("team", "dev"));

        yield return Role(null, "cluster-admin", RbacRule(["*"], ["*"], "*"));
        yield return Role(null, "admin", RbacRule(["networking.k8s.io"], ["networkpolicies"], "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
            RbacRule([""], ["pods", "services", "configmaps", "secrets"], "create", "delete", "get", "list", "patch", "update", "watch"));
        yield return Role(null, "view", RbacRule(["", "apps", "networking.k8s.io"], ["pods", "services", "deployments", "networkpolicies"], "get", "list", "watch"));
        yield return Role(null, "netpol-viewer", RbacRule(["networking.k8s.io"], ["networkpolicies"], "get", "list", "watch"));
        yield return Role("shop", "deployer", RbacRule(["apps"], ["deployments"], "get", "list", "create", "update"));
        yield return Binding(null, "cluster-admin", "ClusterRole", "cluster-admin", "Group", "system:masters");
        yield return Binding("shop", "deployer", "Role", "deployer", "ServiceAccount", "ci-deployer", "shop");

        yield return Secret("kube-system", "bootstrap-token-abcdef", "bootstrap.kubernetes.io/token");
        yield return Secret("kube-system", "cloud-provider-credentials");
        yield return Secret("shop", "db-password");
        yield return Secret("payments", "psp-api-key");

        yield return Ingress("shop", "frontend", Arr(IngressRule("shop.example.com", "frontend", 80)), Arr(Tls("shop-tls", "shop.example.com")),
            Map(("nginx.ingress.kubernetes.io/proxy-body-size", "8m")));
        yield return Service("shop", "ads-external", "ClusterIP", Map(("app", "adservice")), 9555, 9555, externalIps: ["198.51.100.20"], clusterIp: "10.96.200.20");
        yield return Obj(("apiVersion", "apps/v1"), ("kind", "DaemonSet"), ("metadata", Meta("log-shipper", "kube-system", Map(("app", "log-shipper")))),
            ("spec", Obj(("selector", Obj(("matchLabels", Map(("app", "log-shipper"))))),
                ("template", Obj(("metadata", Obj(("labels", Map(("app", "log-shipper"))))),
                    ("spec", Obj(("containers", Arr(Obj(("name", "main"), ("image", "registry.example.com/platform/log-shipper:2.1.0")))))))))));
    }
}
