namespace Palisade.Testing.FakeApi;

/// <summary>
/// The resources a fake server knows: Kubernetes' own at the versions a current cluster serves, and the custom
/// resources Palisade reads, which are served only once a test installs them (or adds one of their objects).
/// </summary>
public static class FakeResources
{
    public static readonly FakeResource Namespaces = new("", "v1", "namespaces", "Namespace", false);
    public static readonly FakeResource Pods = new("", "v1", "pods", "Pod", true);
    public static readonly FakeResource Services = new("", "v1", "services", "Service", true);
    public static readonly FakeResource Endpoints = new("", "v1", "endpoints", "Endpoints", true);
    public static readonly FakeResource Nodes = new("", "v1", "nodes", "Node", false);
    public static readonly FakeResource ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    public static readonly FakeResource ReplicationControllers = new("", "v1", "replicationcontrollers", "ReplicationController", true);
    public static readonly FakeResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    public static readonly FakeResource Secrets = new("", "v1", "secrets", "Secret", true);
    public static readonly FakeResource Deployments = new("apps", "v1", "deployments", "Deployment", true);
    public static readonly FakeResource ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true);
    public static readonly FakeResource StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet", true);
    public static readonly FakeResource DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet", true);
    public static readonly FakeResource Jobs = new("batch", "v1", "jobs", "Job", true);
    public static readonly FakeResource CronJobs = new("batch", "v1", "cronjobs", "CronJob", true);
    public static readonly FakeResource NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true);
    public static readonly FakeResource Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress", true);
    public static readonly FakeResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true);
    public static readonly FakeResource Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    public static readonly FakeResource RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
    public static readonly FakeResource ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
    public static readonly FakeResource ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);
    public static readonly FakeResource CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false);

    public static readonly FakeResource AdminNetworkPolicies = new("policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false, Custom: true);
    public static readonly FakeResource BaselineAdminNetworkPolicies = new("policy.networking.k8s.io", "v1alpha1", "baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy", false, Custom: true);
    public static readonly FakeResource ClusterNetworkPolicies = new("policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false, Custom: true);
    public static readonly FakeResource Routes = new("route.openshift.io", "v1", "routes", "Route", true, Custom: true);
    public static readonly FakeResource PeerAuthentications = new("security.istio.io", "v1", "peerauthentications", "PeerAuthentication", true, Custom: true);
    public static readonly FakeResource AuthorizationPolicies = new("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy", true, Custom: true);
    public static readonly FakeResource DestinationRules = new("networking.istio.io", "v1", "destinationrules", "DestinationRule", true, Custom: true);
    public static readonly FakeResource Gateways = new("networking.istio.io", "v1", "gateways", "Gateway", true, Custom: true);
    public static readonly FakeResource VirtualServices = new("networking.istio.io", "v1", "virtualservices", "VirtualService", true, Custom: true);
    public static readonly FakeResource Prometheuses = new("monitoring.coreos.com", "v1", "prometheuses", "Prometheus", true, Custom: true);
    public static readonly FakeResource Alertmanagers = new("monitoring.coreos.com", "v1", "alertmanagers", "Alertmanager", true, Custom: true);
    public static readonly FakeResource ThanosRulers = new("monitoring.coreos.com", "v1", "thanosrulers", "ThanosRuler", true, Custom: true);

    /// <summary>Kubernetes' own resources, served by every fake server from the start.</summary>
    public static IReadOnlyList<FakeResource> BuiltIn { get; } =
    [
        Namespaces, Pods, Services, Endpoints, Nodes, ServiceAccounts, ReplicationControllers, ConfigMaps, Secrets,
        Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, NetworkPolicies, Ingresses,
        EndpointSlices, Roles, RoleBindings, ClusterRoles, ClusterRoleBindings, CustomResourceDefinitions,
    ];

    /// <summary>The custom resources Palisade reads; none is served until installed.</summary>
    public static IReadOnlyList<FakeResource> CustomKnown { get; } =
    [
        AdminNetworkPolicies, BaselineAdminNetworkPolicies, ClusterNetworkPolicies, Routes,
        PeerAuthentications, AuthorizationPolicies, DestinationRules, Gateways, VirtualServices, Prometheuses, Alertmanagers, ThanosRulers,
    ];
}
