using Palisade.Connectivity;
using Palisade.Connectivity.Edge;
using Palisade.Model;
using Palisade.Model.Rbac;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Posture.Consequences;

namespace Palisade.Posture;

/// <summary>
/// What checks run against: the cluster, the posture input, and the engine and connectivity report,
/// computed once on first use and shared by every check.
/// </summary>
public sealed class PostureContext
{
    private readonly Lazy<PolicyEngine> _engine;
    private readonly Lazy<ConnectivityReport> _connectivity;
    private readonly Lazy<ExternalReach> _reach;
    private readonly Lazy<RbacGraph> _rbac;
    private readonly Lazy<EgressConsequences> _consequences;

    /// <summary>Creates the context; nothing is computed until a check asks.</summary>
    public PostureContext(Cluster cluster, ConnectivityOptions? options = null)
    {
        Cluster = cluster;
        _engine = new Lazy<PolicyEngine>(() => new PolicyEngine(cluster.Network, options));
        _connectivity = new Lazy<ConnectivityReport>(() => ConnectivityAnalyzer.Analyze(Engine));
        _reach = new Lazy<ExternalReach>(() => new ExternalReach(Connectivity));
        _rbac = new Lazy<RbacGraph>(() => new RbacGraph(cluster.Roles, cluster.Bindings));
        _consequences = new Lazy<EgressConsequences>(() => new EgressConsequences(Engine, Rbac));
    }

    /// <summary>The cluster: network model, RBAC, mesh, audit policies and object metadata.</summary>
    public Cluster Cluster { get; }

    /// <summary>The network model.</summary>
    public NetworkSnapshot Network => Cluster.Network;

    /// <summary>The policy engine over the cluster.</summary>
    public PolicyEngine Engine => _engine.Value;

    /// <summary>What the analyses run so far warn about (the connectivity report's warnings, once it is computed).</summary>
    public IReadOnlyList<string> Warnings => _connectivity.IsValueCreated ? Connectivity.Warnings : [];

    /// <summary>Who can reach whom, by workload.</summary>
    public ConnectivityReport Connectivity => _connectivity.Value;

    /// <summary>What crosses the cluster edge, per workload.</summary>
    public ExternalReach Reach => _reach.Value;

    /// <summary>How outside traffic reaches a workload's pod, with the policies applied.</summary>
    public OutsideExposure Exposure(Pod pod) => OutsideExposure.Of(Network, Reach, pod);

    /// <summary>
    /// How the pod's side of a connection in the direction is governed (isolation, admin tiers). The verdict
    /// is taken against the whole external address space, which no rule distinguishes from the pod's view.
    /// </summary>
    public DirectionVerdict Side(PodEndpoint pod, PolicyDirection direction)
    {
        var outside = new ExternalEndpoint(IpRange.AllV4);
        return direction == PolicyDirection.Ingress
            ? Engine.Evaluate(outside, pod).Ingress
            : Engine.Evaluate(pod, outside).Egress;
    }

    /// <summary>The report peer of a pod's workload.</summary>
    public static Peer PeerOf(Pod pod) => ConnectivityAnalyzer.PeerOf(pod, Granularity.Workload);

    /// <summary>What the workload's egress reaches that it should not, with what admits each.</summary>
    public IReadOnlyList<Consequence> Consequences(PodEndpoint pod) => _consequences.Value.Of(pod);

    /// <summary>Whether RBAC grants the pod's ServiceAccount something (it calls the API server by design).</summary>
    public bool UsesApi(PodEndpoint pod) => _consequences.Value.UsesApi(pod);

    /// <summary>Roles and bindings resolved against each other.</summary>
    public RbacGraph Rbac => _rbac.Value;

    /// <summary>One pod per workload (the first), in workload order; what workload-level checks look at.</summary>
    public IEnumerable<PodEndpoint> Workloads() =>
        Engine.Pods.DistinctBy(p => p.Pod.Owner).OrderBy(p => p.Pod.Owner);

    /// <summary>The workload of a pod as a finding's resource.</summary>
    public static ResourceRef Ref(Pod pod) =>
        new(pod.Owner.Kind, pod.Owner.Namespace, pod.Owner.Name) { Location = pod.Location };

    /// <summary>A NetworkPolicy as a finding's resource.</summary>
    public static ResourceRef Ref(NetworkPolicy policy) =>
        new("NetworkPolicy", policy.Namespace, policy.Name) { Location = policy.Location };

    /// <summary>A Service as a finding's resource.</summary>
    public static ResourceRef Ref(ServiceInfo service) =>
        new("Service", service.Namespace, service.Name) { Location = service.Location };

    /// <summary>A Role or ClusterRole as a finding's resource.</summary>
    public static ResourceRef Ref(RbacRole role) =>
        new(role.Kind, role.Namespace, role.Name) { Location = role.Location };

    /// <summary>A RoleBinding or ClusterRoleBinding as a finding's resource.</summary>
    public static ResourceRef Ref(RbacBinding binding) =>
        new(binding.Kind, binding.Namespace, binding.Name) { Location = binding.Location };

    /// <summary>A namespace as a finding's resource.</summary>
    public static ResourceRef Ref(NamespaceInfo ns) =>
        new("Namespace", null, ns.Name) { Location = ns.Location };
}
