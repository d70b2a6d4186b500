using Palisade.Connectivity;
using Palisade.Connectivity.Edge;
using Palisade.Model;
using Palisade.Model.Rbac;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Posture.Consequences;
using Palisade.Posture.DefaultPorts;

namespace Palisade.Posture;

/// <summary>
/// What checks run against: the cluster, the posture input, and the engine and connectivity report,
/// computed once on first use and shared by every check. Not thread-safe: one report's checks run on one thread.
/// </summary>
public sealed class PostureContext
{
    private readonly Lazy<PolicyEngine> _engine;
    private readonly Lazy<ConnectivityStream> _stream;
    private readonly Lazy<ConnectivityReport> _connectivity;
    private readonly Lazy<EdgeLines> _edges;
    private readonly Lazy<PeerGroups> _groups;
    private readonly Lazy<HashSet<string>?> _scope;
    private readonly Lazy<bool> _externalsKept;
    private readonly Lazy<RbacGraph> _rbac;
    private readonly Lazy<PodEndpoint[]> _workloads;
    private readonly Lazy<EgressConsequences> _consequences;
    private readonly Lazy<ILookup<string, PodEndpoint>> _workloadsByNamespace;
    private readonly Dictionary<(string, bool, bool), (string Text, Model.Changes.ClusterEdit Change)> _lockdowns = [];

    /// <summary>Creates the context; nothing is computed until a check asks.</summary>
    public PostureContext(Cluster cluster, ConnectivityOptions? options = null)
    {
        Cluster = cluster;
        _engine = new Lazy<PolicyEngine>(() => new PolicyEngine(cluster.Network, options));
        _stream = new Lazy<ConnectivityStream>(() => ConnectivityAnalyzer.Stream(Engine));
        _connectivity = new Lazy<ConnectivityReport>(() => _stream.Value.ToReport());
        _edges = new Lazy<EdgeLines>(ReadEdges);
        _groups = new Lazy<PeerGroups>(() => PeerGroups.Of(Engine));
        _scope = new Lazy<HashSet<string>?>(() => ChangedFrom is { } before ? ChangeScope.Of(before.Engine, Engine) : null);
        _externalsKept = new Lazy<bool>(() => ChangedFrom is { } before
            && ChangedEdges.SameRanges(before.Engine.ExternalSources, Engine.ExternalSources)
            && ChangedEdges.SameRanges(before.Engine.ExternalDestinations, Engine.ExternalDestinations));
        _rbac = new Lazy<RbacGraph>(() => new RbacGraph(cluster.Roles, cluster.Bindings));
        _workloads = new Lazy<PodEndpoint[]>(() => ChangedFrom is { } before && _scope.Value is not null
            ? Array.ConvertAll(before._workloads.Value, w => Engine.Pods[w.Index])
            : [.. Engine.Pods.DistinctBy(p => p.Pod.Owner).OrderBy(p => p.Pod.Owner)]);
        _consequences = new Lazy<EgressConsequences>(() => new EgressConsequences(Engine, Rbac));
        _workloadsByNamespace = new Lazy<ILookup<string, PodEndpoint>>(() => Workloads().ToLookup(w => w.Pod.Namespace, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether the findings are only compared with another context's (a fix or generated policies being proven)
    /// rather than reported. Such a context builds no fixes of its own, and does not count the connectivity lines
    /// (<see cref="AnalysisSize"/>): like every context, its pass produces only the lines its checks keep (from external
    /// ranges and the ingress controller, and into workloads on well-known ports).
    /// </summary>
    public bool OnlyCompared { get; init; }

    /// <summary>
    /// The context of the cluster this one's was changed from (a fix being proven). When only NetworkPolicies changed
    /// (<see cref="ChangeScope"/>), what the change cannot reach is taken from it: the workloads and, for a context
    /// whose findings are only compared, the edge lines with neither end in the namespaces whose policies changed
    /// (<see cref="ChangedEdges"/>), instead of analysing the whole cluster again.
    /// </summary>
    internal PostureContext? ChangedFrom { get; init; }

    /// <summary>The cluster: network model, RBAC, mesh, audit policies and object metadata.</summary>
    public Cluster Cluster { get; }

    /// <summary>The network model.</summary>
    public NetworkSnapshot Network => Cluster.Network;

    /// <summary>The policy engine over the cluster.</summary>
    public PolicyEngine Engine => _engine.Value;

    /// <summary>What the analyses run so far warn about (the connectivity report's warnings, once it is computed).</summary>
    public IReadOnlyList<string> Warnings => _stream.IsValueCreated ? _stream.Value.Warnings : [];

    /// <summary>Who can reach whom, by workload.</summary>
    public ConnectivityReport Connectivity => _connectivity.Value;

    /// <summary>What crosses the cluster edge, per workload.</summary>
    public ExternalReach Reach => _edges.Value.Reach;

    /// <summary>
    /// What reaches a workload that listens on a well-known service's default port
    /// (<see cref="DefaultPorts.WellKnownPorts.Services"/>) from outside its namespace, port by port.
    /// </summary>
    internal ListenerReach ReachOfListener(Peer workload) =>
        _edges.Value.Inbound.TryGetValue(workload, out var reach) ? reach
            : throw new ArgumentException($"{workload.DisplayName} does not listen on a well-known default port", nameof(workload));

    private EdgeLines ReadEdges()
    {
        if (OnlyCompared && ChangedFrom is { } before && _scope.Value is { } scope)
            return ChangedEdges.Compute(before._edges.Value, before._groups.Value, before.Engine, Engine, scope);
        var inbound = new Dictionary<Peer, ListenerReach>();
        foreach (var pod in Workloads())
        {
            var peer = PeerOf(pod.Pod);
            var reach = new ListenerReach(peer, DefaultPortListener.Of(pod.Pod, Network));
            if (reach.Listens)
                inbound[peer] = reach;
        }
        var listeners = new HashSet<Peer>(inbound.Keys);
        var stream = _connectivity.IsValueCreated ? ConnectivityStream.Of(Connectivity) : _stream.Value;
        var count = 0;
        var edge = new ExternalReach(IntoListeners(stream.EdgeLines(listeners, OnlyCompared ? null : n => count = n), inbound));
        return new EdgeLines(edge, listeners, inbound, count);
    }

    /// <summary>
    /// How much work one analysis of the cluster is, in units of one connectivity line: the lines the cluster has
    /// (counted per identity class on first use, <see cref="ConnectivityStream.EdgeLines"/>) plus 40 per pod, which is
    /// what a pod costs the engine and the per-workload checks
    /// (measured when a proof analysed the whole changed cluster: about 0.15 s on the sparse 10k-pod bench cluster with
    /// 3,400 lines, 0.2 s on the dense one with 2,300 pods and 551,000 lines). It still bounds the separate proofs, as
    /// it did before they were incremental (<see cref="ChangedFrom"/>), so that the proofs made did not change.
    /// </summary>
    public long AnalysisSize => OnlyCompared
        ? throw new InvalidOperationException("a context whose findings are only compared does not count the connectivity lines")
        : 40L * Network.Pods.Count + _edges.Value.Lines;

    /// <summary>Passes the lines on, adding those into a listener to its reach.</summary>
    private static IEnumerable<Connection> IntoListeners(IEnumerable<Connection> lines, Dictionary<Peer, ListenerReach> listeners)
    {
        // Lines share their peers' instances: a peer's reach (null when it does not listen) is found by reference, not
        // hashed again per line.
        var known = new Dictionary<Peer, ListenerReach?>(ReferenceEqualityComparer.Instance);
        foreach (var line in lines)
        {
            if (!known.TryGetValue(line.Destination, out var reach))
                known[line.Destination] = reach = listeners.GetValueOrDefault(line.Destination);
            reach?.Add(line.Source, line.Connections);
            yield return line;
        }
    }

    /// <summary>
    /// Whether the namespace's pods keep both sides' verdicts of the context this one was changed from: true only for a
    /// fix being proven whose change touched other namespaces' NetworkPolicies alone (<see cref="ChangeScope"/>) and
    /// left the external ranges as they were (a new ipBlock can bring address space no range held before, which every
    /// pod's egress then reaches or not). A proof looks only for findings its change adds or makes worse, so checks skip
    /// what depends on such namespaces alone: they would find there what the cluster had.
    /// </summary>
    public bool Unchanged(string ns) => OnlyCompared && _scope.Value is { } scope && !scope.Contains(ns) && _externalsKept.Value;

    /// <summary>
    /// Whether this is a fix being proven whose change touched NetworkPolicies alone (<see cref="ChangeScope"/>): the
    /// checks that cannot read them (<see cref="IPostureCheck.ReadsNetworkPolicies"/>) would find what the cluster had.
    /// </summary>
    internal bool PoliciesOnlyChanged => OnlyCompared && _scope.Value is not null;

    /// <summary>
    /// Whether a workload's reach from outside is known to be that of the context this one was changed from (see
    /// <see cref="Unchanged"/>): its own namespace and the ingress controller's kept their verdicts.
    /// </summary>
    public bool ExposureUnchanged(Pod pod) =>
        Unchanged(pod.Namespace) && (Engine.IngressController is not { } controller || Unchanged(controller.Pod.Namespace));

    /// <summary>
    /// Whether what reaches a listening workload from outside its namespace (<see cref="ReachOfListener"/>) is known to be
    /// what it was in the context this one was changed from: the same ports are reached, so its finding is the same.
    /// </summary>
    internal bool ListenerUnchanged(Peer workload)
    {
        if (!OnlyCompared || ChangedFrom is not { } before || _scope.Value is null)
            return false;
        var now = _edges.Value.Inbound.GetValueOrDefault(workload);
        return before._edges.Value.Inbound.TryGetValue(workload, out var was) ? now is not null && now.SameAs(was) : now is null;
    }

    /// <summary>How outside traffic reaches a workload's pod, with the policies applied.</summary>
    public OutsideExposure Exposure(Pod pod) => OutsideExposure.Of(Network, Reach, pod);

    /// <summary>Whether no policy of any tier governs the pod's side in the direction (not isolated, no admin tier).</summary>
    public bool IsOpen(PodEndpoint pod, PolicyDirection direction) => Engine.IsOpen(pod, direction);

    /// <summary>The report peer of a pod's workload.</summary>
    public static Peer PeerOf(Pod pod) => ConnectivityAnalyzer.PeerOf(pod, Granularity.Workload);

    /// <summary>What the workload's egress reaches that it should not, with what admits each.</summary>
    public IReadOnlyList<Consequence> Consequences(PodEndpoint pod) => _consequences.Value.Of(pod);

    /// <summary>Whether RBAC grants the pod's ServiceAccount something (it calls the API server by design).</summary>
    public bool UsesApi(PodEndpoint pod) => _consequences.Value.UsesApi(pod);

    /// <summary>Roles and bindings resolved against each other.</summary>
    public RbacGraph Rbac => _rbac.Value;

    /// <summary>One pod per workload (the first), in workload order; what workload-level checks look at.</summary>
    public IEnumerable<PodEndpoint> Workloads() => _workloads.Value;

    /// <summary>The workloads of a namespace, in workload order.</summary>
    public IEnumerable<PodEndpoint> WorkloadsIn(string ns) => _workloadsByNamespace.Value[ns];

    /// <summary>
    /// The fix isolating the namespace in the directions asked (<see cref="Fixes.Lockdown.For"/>), built once
    /// per namespace and directions however many findings offer it; null when the findings are only compared.
    /// </summary>
    public (string Text, Model.Changes.ClusterEdit Change)? Lockdown(string ns, bool ingress, bool egress)
    {
        if (OnlyCompared)
            return null;
        if (!_lockdowns.TryGetValue((ns, ingress, egress), out var fix))
            _lockdowns[(ns, ingress, egress)] = fix = Fixes.Lockdown.For(this, ns, ingress, egress);
        return fix;
    }

    /// <summary>
    /// A field of a pod as a field of the object its findings are on. A real Pod is reported as its top workload, and
    /// when that workload is in the input too (a kubectl dump holds both), the line to change is in its pod template.
    /// </summary>
    public string? FieldOf(Pod pod, string? field)
    {
        if (field is null || pod.FromTemplate || !field.StartsWith(pod.SpecPath + ".", StringComparison.Ordinal)
            || TemplateSpec(pod.Owner.Kind) is not { } spec || Cluster.Objects.Find(new ObjectKey(pod.Owner.Kind, pod.Owner.Namespace, pod.Owner.Name)) is null)
            return field;
        return spec + field[pod.SpecPath.Length..];
    }

    private static string? TemplateSpec(string kind) => kind switch
    {
        "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "ReplicationController" => "spec.template.spec",
        "CronJob" => "spec.jobTemplate.spec.template.spec",
        _ => null,
    };

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
