using Palisade.Labels;
using Palisade.Policy;

namespace Palisade.Model.Rbac;

/// <summary>
/// The ClusterRoles every cluster has without any manifest declaring them, as the API server's bootstrap
/// policy defines them (Kubernetes 1.31, plugin/pkg/auth/authorizer/rbac/bootstrappolicy): cluster-admin,
/// the user-facing admin, edit and view (aggregated from system:aggregate-to-*), and the roles the
/// default public bindings grant. Bindings to them are resolved even when the input holds only the binding.
/// </summary>
public static class BuiltInClusterRoles
{
    private const string Core = "";
    private const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    private const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    private const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    /// <summary>The roles, by name.</summary>
    public static IReadOnlyDictionary<string, RbacRole> ByName { get; } = Build();

    private static Dictionary<string, RbacRole> Build()
    {
        RbacRole[] roles =
        [
            Role("cluster-admin", [], Rule(["*"], ["*"], ["*"]), Urls(["*"], "*")),
            Aggregating("admin", [], AggregateToAdmin),
            Aggregating("edit", [AggregateToAdmin], AggregateToEdit),
            Aggregating("view", [AggregateToEdit], AggregateToView),
            Role("system:aggregate-to-admin", [AggregateToAdmin],
                Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
                Rule(ReadWrite, ["rbac.authorization.k8s.io"], ["roles", "rolebindings"])),
            Role("system:aggregate-to-edit", [AggregateToEdit],
                Rule(Read, [Core], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
                Rule(["impersonate"], [Core], ["serviceaccounts"]),
                Rule(Write, [Core], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
                Rule(["create"], [Core], ["pods/eviction"]),
                Rule(Write, [Core], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
                    "persistentvolumeclaims", "configmaps", "secrets", "events"]),
                Rule(["create"], [Core], ["serviceaccounts/token"]),
                Rule(Write, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback",
                    "replicasets", "replicasets/scale"]),
                Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
                Rule(Write, ["batch"], ["jobs", "cronjobs"]),
                Rule(Write, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses",
                    "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
                Rule(Write, ["policy"], ["poddisruptionbudgets"]),
                Rule(Write, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
                Rule(ReadWrite, ["coordination.k8s.io"], ["leases"])),
            Role("system:aggregate-to-view", [AggregateToView],
                Rule(Read, [Core], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
                    "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
                Rule(Read, [Core], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status",
                    "replicationcontrollers/status", "pods/log"]),
                Rule(Read, [Core], ["namespaces"]),
                Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
                Rule(Read, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status",
                    "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
                Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
                Rule(Read, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
                Rule(Read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
                    "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
                Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
                Rule(Read, ["networking.k8s.io"], ["networkpolicies", "ingresses", "ingresses/status"])),
            Role("system:basic-user", [],
                Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
            Role("system:discovery", [],
                Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*")),
            Role("system:public-info-viewer", [],
                Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/")),
        ];
        return roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    private static RbacRole Role(string name, string[] labels, params RuleShape[] rules) =>
        new(RbacRole.ClusterRoleKind, null, name, rules.Select((r, i) => r.ToRule(i)).ToArray())
        {
            Labels = LabelSet.From(labels.Select(l => new KeyValuePair<string, string>(l, "true"))),
        };

    private static RbacRole Aggregating(string name, string[] labels, string selectorLabel) =>
        Role(name, labels) with
        {
            AggregationSelectors = [new LabelSelector([new(selectorLabel, "true")], [])],
        };

    private static RuleShape Rule(string[] verbs, string[] groups, string[] resources) => new(verbs, groups, resources, []);

    private static RuleShape Urls(string[] verbs, params string[] urls) => new(verbs, [], [], urls);

    private sealed record RuleShape(string[] Verbs, string[] Groups, string[] Resources, string[] Urls)
    {
        public RbacRule ToRule(int index) => new(index, Groups, Resources, Verbs) { NonResourceUrls = Urls };
    }
}
