using Palisade.Kubernetes.Crds;
using Palisade.Labels;
using Palisade.Model;
using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// The kinds Palisade reads, one row each: API groups, client model, scope, mapper. Adding a kind is one row
/// here and its mapper.
/// </summary>
internal static class KindTable
{
    private const string Core = "";
    private const string Apps = "apps";
    private const string Extensions = "extensions";
    private const string Batch = "batch";
    private const string Networking = "networking.k8s.io";
    private const string PolicyTiers = "policy.networking.k8s.io";
    private const string Rbac = "rbac.authorization.k8s.io";
    private const string AuditGroup = "audit.k8s.io";
    private const string Monitoring = "monitoring.coreos.com";
    private const string IstioNetworking = "networking.istio.io";
    private const string GatewayApi = GatewayRouteMapper.Group;

    private static readonly KindRow[] Ordered =
    [
        Row<V1Namespace>("Namespace", [Core], namespaced: false, (o, c) => new NamespaceInfo(c.Key.Name, LabelSet.From(o.Metadata?.Labels), c.Locations.Object)),
        Row<V1Pod>("Pod", [Core], namespaced: true, WorkloadMapper.FromPod),
        Row<V1Service>("Service", [Core], namespaced: true, (o, c) => ServiceMapper.Map(o, c.Locations)),
        Row<V1Endpoints>("Endpoints", [Core], namespaced: true, EndpointsMapper.Map),
        Row<V1EndpointSlice>("EndpointSlice", ["discovery.k8s.io"], namespaced: true, EndpointsMapper.Map),
        Row<V1Node>("Node", [Core], namespaced: false, NodeMapper.Map),
        Row<V1ReplicationController>("ReplicationController", [Core], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, o.Spec?.Replicas ?? 1, "spec.template", c)),
        Row<V1Deployment>("Deployment", [Apps, Extensions], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, o.Spec?.Replicas ?? 1, "spec.template", c, o.Spec?.Selector)),
        Row<V1ReplicaSet>("ReplicaSet", [Apps, Extensions], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, o.Spec?.Replicas ?? 1, "spec.template", c, o.Spec?.Selector)),
        Row<V1StatefulSet>("StatefulSet", [Apps], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, o.Spec?.Replicas ?? 1, "spec.template", c, o.Spec?.Selector)),
        Row<V1DaemonSet>("DaemonSet", [Apps, Extensions], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, 1, "spec.template", c, o.Spec?.Selector)),
        Row<V1Job>("Job", [Batch], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.Template, o.Spec?.Parallelism ?? 1, "spec.template", c)),
        Row<V1CronJob>("CronJob", [Batch], namespaced: true, (o, c) => WorkloadMapper.FromTemplate(o, o.Spec?.JobTemplate?.Spec?.Template, 1, "spec.jobTemplate.spec.template", c)),
        Row<V1NetworkPolicy>("NetworkPolicy", [Networking, Extensions], namespaced: true, (o, c) => PolicyMapper.Map(o, c.Locations)),
        Row<ClusterPolicyObject>("AdminNetworkPolicy", [PolicyTiers], namespaced: false, AdminPolicyMapper.Map),
        Row<ClusterPolicyObject>("BaselineAdminNetworkPolicy", [PolicyTiers], namespaced: false, AdminPolicyMapper.Map),
        Row<ClusterPolicyObject>("ClusterNetworkPolicy", [PolicyTiers], namespaced: false, AdminPolicyMapper.Map),
        Row<V1Ingress>("Ingress", [Networking, Extensions], namespaced: true, IngressMapper.Map),
        Row<RouteObject>("Route", ["route.openshift.io"], namespaced: true, IngressMapper.Map),
        Row<V1ServiceAccount>("ServiceAccount", [Core], namespaced: true, (o, c) => RbacMapper.Map(o, c.Locations)),
        Row<V1Role>("Role", [Rbac], namespaced: true, (o, c) => RbacMapper.Map(o, c.Locations)),
        Row<V1ClusterRole>("ClusterRole", [Rbac], namespaced: false, (o, c) => RbacMapper.Map(o, c.Locations)),
        Row<V1RoleBinding>("RoleBinding", [Rbac], namespaced: true, (o, c) => RbacMapper.Map(o, c.Locations)),
        Row<V1ClusterRoleBinding>("ClusterRoleBinding", [Rbac], namespaced: false, (o, c) => RbacMapper.Map(o, c.Locations)),
        Row<PeerAuthenticationObject>("PeerAuthentication", ["security.istio.io"], namespaced: true, (o, c) => MeshMapper.Map(o, c.Locations)),
        Row<AuthorizationPolicyObject>("AuthorizationPolicy", ["security.istio.io"], namespaced: true, (o, c) => MeshMapper.Map(o, c.Locations)),
        Row<DestinationRuleObject>("DestinationRule", [IstioNetworking], namespaced: true, (o, c) => MeshMapper.Map(o, c.Locations)),
        Row<MonitoringObject>("Prometheus", [Monitoring], namespaced: true, OperatorPodsMapper.Map),
        Row<MonitoringObject>("Alertmanager", [Monitoring], namespaced: true, OperatorPodsMapper.Map),
        Row<MonitoringObject>("ThanosRuler", [Monitoring], namespaced: true, OperatorPodsMapper.Map),
        Row<GatewayObject>("Gateway", [IstioNetworking, GatewayApi], namespaced: true, (o, c) => GatewayMapper.Map(o, c)),
        Row<VirtualServiceObject>("VirtualService", [IstioNetworking], namespaced: true, (o, c) => GatewayMapper.Map(o, c)),
        Row<GatewayRouteObject>("HTTPRoute", [GatewayApi], namespaced: true, GatewayRouteMapper.Map),
        Row<GatewayRouteObject>("GRPCRoute", [GatewayApi], namespaced: true, GatewayRouteMapper.Map),
        Row<GatewayRouteObject>("TLSRoute", [GatewayApi], namespaced: true, GatewayRouteMapper.Map),
        Row<GatewayRouteObject>("TCPRoute", [GatewayApi], namespaced: true, GatewayRouteMapper.Map),
        Row<AuditPolicyObject>("Policy", [AuditGroup], namespaced: false, (o, c) => AuditPolicyMapper.Map(o, c.Locations)) with
        {
            Name = (o, locations) => AuditPolicyMapper.Name((AuditPolicyObject)o, locations),
        },
    ];

    private static readonly Dictionary<string, KindRow> Rows = Ordered.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    /// <summary>Every row, in the table's order: namespaces, then what runs, then policies, RBAC, mesh and audit.</summary>
    public static IReadOnlyList<KindRow> All => Ordered;

    /// <summary>Every model type the table reads into.</summary>
    public static IEnumerable<Type> ModelTypes => Ordered.Select(r => r.Model);

    /// <summary>The row of a kind.</summary>
    public static KindRow Of(string kind) => Rows[kind];

    /// <summary>
    /// The row for the kind, or null with the reason it is not read. A missing apiVersion is accepted, as some
    /// hand-written manifests and dumps omit it, except for <c>Policy</c>: many projects have a kind of that
    /// name, and only audit.k8s.io's is read.
    /// </summary>
    public static KindRow? Resolve(string? apiVersion, string kind, out string? reason)
    {
        reason = null;
        if (!Rows.TryGetValue(kind, out var row))
        {
            reason = "kind not analysed";
            return null;
        }
        var audit = row.Groups.Contains(AuditGroup);
        if (string.IsNullOrEmpty(apiVersion))
        {
            if (!audit)
                return row;
            reason = $"{kind} without apiVersion; only {AuditGroup}/v1 {kind} is read";
            return null;
        }
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        if (row.Groups.Contains(group))
            return row;
        reason = audit ? $"apiVersion {apiVersion} is not the {AuditGroup} {kind}" : $"apiVersion {apiVersion} is not the Kubernetes {kind}";
        return null;
    }

    /// <summary>
    /// Why <c>kubectl apply</c> would refuse the apiVersion for a kind we read, or null: a version Kubernetes never
    /// served of the kind's group (<c>networking.k8s.io/v9</c>), or a Kubernetes group that has no such kind
    /// (<c>v1 NetworkPolicy</c>). Other projects' groups (a Calico NetworkPolicy) are theirs to define, and are ignored.
    /// </summary>
    public static string? Unserved(string? apiVersion, string kind)
    {
        if (string.IsNullOrEmpty(apiVersion) || !Rows.TryGetValue(kind, out var row) || row.Groups.Contains(AuditGroup))
            return null;
        var slash = apiVersion.LastIndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        if (row.Groups.Contains(group) ? ServedVersions.Of(group, kind) is not { } served || served.Contains(version) : !ServedVersions.IsKubernetesGroup(group))
            return null;
        var preferred = ServedVersions.Of(row.Groups[0], kind) is [var first, ..] ? (row.Groups[0].Length == 0 ? first : $"{row.Groups[0]}/{first}") : null;
        var advice = preferred is null ? "" : $": use {preferred}";
        return $"Kubernetes serves no {kind} in {apiVersion} (kubectl apply refuses it: no matches for kind){advice}";
    }

    private static KindRow Row<T>(string kind, string[] groups, bool namespaced, Func<T, MappingContext, object> map)
        where T : class =>
        new(kind, groups, typeof(T), namespaced, (o, c) => map((T)o, c), e => KubernetesJson.Deserialize<T>(e));
}
