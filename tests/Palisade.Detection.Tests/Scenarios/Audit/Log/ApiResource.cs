namespace Palisade.Detection.Tests.Scenarios.Audit.Log;

/// <summary>
/// An API resource as the audit log names it (objectRef.resource, apiGroup, apiVersion) and the Kind the
/// contract's <c>object</c> uses for it.
/// </summary>
public sealed record ApiResource(string Resource, string Kind, string Group, string Version, bool Namespaced)
{
    /// <summary>apiVersion of the objects: <c>v1</c> for the core group, else <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The URL prefix: <c>/api/v1</c> for the core group, else <c>/apis/group/version</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";

    public static readonly ApiResource Pods = new("pods", "Pod", "", "v1", true);
    public static readonly ApiResource Services = new("services", "Service", "", "v1", true);
    public static readonly ApiResource Namespaces = new("namespaces", "Namespace", "", "v1", false);
    public static readonly ApiResource Secrets = new("secrets", "Secret", "", "v1", true);
    public static readonly ApiResource ConfigMaps = new("configmaps", "ConfigMap", "", "v1", true);
    public static readonly ApiResource Events = new("events", "Event", "", "v1", true);
    public static readonly ApiResource Nodes = new("nodes", "Node", "", "v1", false);
    public static readonly ApiResource ServiceAccounts = new("serviceaccounts", "ServiceAccount", "", "v1", true);
    public static readonly ApiResource Leases = new("leases", "Lease", "coordination.k8s.io", "v1", true);
    public static readonly ApiResource EndpointSlices = new("endpointslices", "EndpointSlice", "discovery.k8s.io", "v1", true);
    public static readonly ApiResource Deployments = new("deployments", "Deployment", "apps", "v1", true);
    public static readonly ApiResource DaemonSets = new("daemonsets", "DaemonSet", "apps", "v1", true);
    public static readonly ApiResource ReplicaSets = new("replicasets", "ReplicaSet", "apps", "v1", true);
    public static readonly ApiResource StatefulSets = new("statefulsets", "StatefulSet", "apps", "v1", true);
    public static readonly ApiResource NetworkPolicies = new("networkpolicies", "NetworkPolicy", "networking.k8s.io", "v1", true);
    public static readonly ApiResource Ingresses = new("ingresses", "Ingress", "networking.k8s.io", "v1", true);
    public static readonly ApiResource AdminNetworkPolicies = new("adminnetworkpolicies", "AdminNetworkPolicy", "policy.networking.k8s.io", "v1alpha1", false);
    public static readonly ApiResource BaselineAdminNetworkPolicies = new("baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy", "policy.networking.k8s.io", "v1alpha1", false);
    public static readonly ApiResource Roles = new("roles", "Role", "rbac.authorization.k8s.io", "v1", true);
    public static readonly ApiResource RoleBindings = new("rolebindings", "RoleBinding", "rbac.authorization.k8s.io", "v1", true);
    public static readonly ApiResource ClusterRoles = new("clusterroles", "ClusterRole", "rbac.authorization.k8s.io", "v1", false);
    public static readonly ApiResource ClusterRoleBindings = new("clusterrolebindings", "ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", false);

    public static IReadOnlyList<ApiResource> All { get; } =
    [
        Pods, Services, Namespaces, Secrets, ConfigMaps, Events, Nodes, ServiceAccounts, Leases, EndpointSlices, Deployments, DaemonSets,
        ReplicaSets, StatefulSets, NetworkPolicies, Ingresses, AdminNetworkPolicies, BaselineAdminNetworkPolicies, Roles, RoleBindings,
        ClusterRoles, ClusterRoleBindings,
    ];

    /// <summary>The resource for a Kind (manifests name Kinds; the log names resources).</summary>
    public static ApiResource OfKind(string kind) => All.Single(r => r.Kind == kind);

    public override string ToString() => Resource;
}
