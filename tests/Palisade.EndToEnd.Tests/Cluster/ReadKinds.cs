namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// The kinds Palisade reads from a live cluster (issue 13), by API group and resource: exactly what
/// deploy/rbac.yaml grants and what <see cref="ClusterDump"/> dumps. No secrets.
/// </summary>
public static class ReadKinds
{
    public static IReadOnlyList<(string Group, string Resource)> All { get; } =
    [
        ("", "namespaces"), ("", "pods"), ("", "services"), ("", "endpoints"), ("", "nodes"), ("", "serviceaccounts"),
        ("", "replicationcontrollers"),
        ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"),
        ("batch", "jobs"), ("batch", "cronjobs"),
        ("networking.k8s.io", "networkpolicies"), ("networking.k8s.io", "ingresses"),
        ("discovery.k8s.io", "endpointslices"),
        ("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "rolebindings"),
        ("rbac.authorization.k8s.io", "clusterroles"), ("rbac.authorization.k8s.io", "clusterrolebindings"),
        ("policy.networking.k8s.io", "adminnetworkpolicies"), ("policy.networking.k8s.io", "baselineadminnetworkpolicies"),
        ("policy.networking.k8s.io", "clusternetworkpolicies"),
        ("route.openshift.io", "routes"),
        ("security.istio.io", "peerauthentications"), ("security.istio.io", "authorizationpolicies"),
        ("networking.istio.io", "destinationrules"), ("networking.istio.io", "gateways"), ("networking.istio.io", "virtualservices"),
        ("monitoring.coreos.com", "prometheuses"), ("monitoring.coreos.com", "alertmanagers"), ("monitoring.coreos.com", "thanosrulers"),
    ];

    /// <summary>The name kubectl and RBAC messages use: <c>pods</c>, <c>networkpolicies.networking.k8s.io</c>.</summary>
    public static string Qualified((string Group, string Resource) kind) =>
        kind.Group.Length == 0 ? kind.Resource : $"{kind.Resource}.{kind.Group}";
}
