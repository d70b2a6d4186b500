using System.Net.Sockets;
using Palisade.Connectivity;
using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// Judges flows by one state of the cluster: whether the policy tiers allow the connection, and which
/// policies decide it. Verdicts are cached per pair of identity classes (pods no selector tells apart) and
/// external ranges (addresses no ipBlock tells apart), so a flow costs a few lookups. Not thread-safe.
/// </summary>
public sealed class FlowJudge
{
    private readonly PolicyEngine _engine;
    private readonly Dictionary<Pod, PodEndpoint> _pods = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string, string), PodEndpoint> _podsByName = [];
    private readonly Dictionary<WorkloadRef, PodEndpoint> _podsByOwner = [];
    private readonly Dictionary<(int, int), ConnectionSet> _verdicts = [];
    private readonly PodPeerSlots<int> _podClasses = new();
    private readonly Dictionary<(int, int, int, int), IReadOnlyList<string>> _policies = [];
    private readonly ExternalEndpoint[] _sources;
    private readonly ExternalEndpoint[] _destinations;

    /// <summary>Judges by the given engine.</summary>
    public FlowJudge(PolicyEngine engine)
    {
        _engine = engine;
        foreach (var pod in engine.Pods)
        {
            _pods[pod.Pod] = pod;
            _podsByName.TryAdd((pod.Pod.Namespace, pod.Pod.Name), pod);
            // A workload's template is what its pods absent from this state would have been created from.
            if (pod.Pod.FromTemplate)
                _podsByOwner[pod.Pod.Owner] = pod;
            else
                _podsByOwner.TryAdd(pod.Pod.Owner, pod);
        }
        _sources = [.. engine.ExternalSources];
        _destinations = [.. engine.ExternalDestinations];
    }

    /// <summary>The engine judged by.</summary>
    public PolicyEngine Engine => _engine;

    /// <summary>
    /// Whether the policies of this state allow the connection; null when a pod of the flow has no counterpart in
    /// this state (not the same pod, nor one of its workload).
    /// </summary>
    public bool? TryAllows(FlowPeer source, FlowPeer destination, int? protocol, int? port) =>
        Known(source) && Known(destination) ? Allows(source, destination, protocol, port) : null;

    private bool Known(FlowPeer peer) => peer.Pod is not { } pod || Find(pod) is not null;

    /// <summary>Whether this state holds the peer itself: not a pod, or the same pod (by object or name), not one of its workload.</summary>
    public bool Holds(FlowPeer peer) =>
        peer.Pod is not { } pod || _pods.ContainsKey(pod) || ByName(pod) is not null;

    /// <summary>Whether the policies allow the connection (ICMP and other port-less protocols need everything allowed).</summary>
    public bool Allows(FlowPeer source, FlowPeer destination, int? protocol, int? port) =>
        SamePod(source, destination) || FromResidentNode(source, destination) || Admits(Allowed(source, destination), protocol, port);

    /// <summary>
    /// Whether the source's side alone allows the connection (whatever the destination's ingress says): what a data plane
    /// that lets the packet leave the source has enforced. Not cached: asked only when a connection a point forwarded is
    /// dropped by policy at another.
    /// </summary>
    public bool EgressAllows(FlowPeer source, FlowPeer destination, int? protocol, int? port)
    {
        if (PodOf(source) is null)
            return true;
        var egress = _engine.Evaluate(Endpoint(source, _sources), Endpoint(destination, _destinations)).Egress;
        return egress.IsOpen || Admits(egress.Allowed, protocol, port);
    }

    /// <summary>
    /// Traffic into a pod from the node it runs on (the kubelet's probes, node agents), which no policy can block:
    /// Kubernetes documents that pods cannot block access from their resident node. A hostNetwork pod on that node sends
    /// from the node's address, so the data plane cannot tell it from the node: exempt too. Other nodes get no exemption,
    /// nor does a workload's template pod, whose node is not known.
    /// </summary>
    internal static bool FromResidentNode(FlowPeer source, FlowPeer destination) =>
        destination.Pod is { NodeName: { } name }
        && (source.Node is { } node ? node.Name : source.Pod is { HostNetwork: true, NodeName: { } host } ? host : null) == name;

    /// <summary>
    /// A pod's traffic to itself, which no policy can block (the Semantics: it is not reported). A workload's template
    /// pod stands for every replica, so two ends resolved to it are not known to be one pod.
    /// </summary>
    private static bool SamePod(FlowPeer source, FlowPeer destination)
    {
        if (source.PodNumber != -1 && destination.PodNumber != -1)
            return source.PodNumber >= 0 && source.PodNumber == destination.PodNumber;
        return source.Pod is { FromTemplate: false } a && destination.Pod is { FromTemplate: false } b
            && (ReferenceEquals(a, b) || a.Name == b.Name && a.Namespace == b.Namespace);
    }

    /// <summary>
    /// The policies behind the verdict: when denied, those isolating each side that denies; when allowed,
    /// those whose rules admit it. NetworkPolicies as <c>ns/name</c>, cluster-scoped ones as <c>Kind name</c>.
    /// </summary>
    public IReadOnlyList<string> Policies(FlowPeer source, FlowPeer destination, int? protocol, int? port)
    {
        var key = (ClassOf(source, _sources), ClassOf(destination, _destinations), protocol ?? -1, port ?? -1);
        if (!_policies.TryGetValue(key, out var names))
            _policies[key] = names = Explain(source, destination, protocol, port);
        return names;
    }

    private IReadOnlyList<string> Explain(FlowPeer source, FlowPeer destination, int? protocol, int? port)
    {
        var verdict = _engine.Evaluate(Endpoint(source, _sources), Endpoint(destination, _destinations));
        var allowed = Allows(source, destination, protocol, port);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            if (side.IsOpen)
                continue;
            if (allowed)
                AddAdmitting(side, protocol, port, names);
            else if (!Admits(side.Allowed, protocol, port))
                AddDenying(side, names);
        }
        return [.. names];
    }

    private static void AddAdmitting(DirectionVerdict side, int? protocol, int? port, SortedSet<string> names)
    {
        foreach (var decision in side.AdminDecisions)
        {
            if (decision.Action == Policy.AdminAction.Allow && Admits(decision.Connections, protocol, port))
                names.Add(decision.Policy.ToString());
        }
        foreach (var match in side.Matches)
        {
            if (Admits(match.Connections, protocol, port))
                names.Add(match.Policy.ToString());
        }
    }

    private static void AddDenying(DirectionVerdict side, SortedSet<string> names)
    {
        foreach (var decision in side.AdminDecisions)
        {
            if (decision.Action == Policy.AdminAction.Deny)
                names.Add(decision.Policy.ToString());
        }
        foreach (var policy in side.SelectingPolicies)
            names.Add(policy.ToString());
        foreach (var decision in side.BaselineDecisions)
        {
            if (decision.Action == Policy.AdminAction.Deny)
                names.Add(decision.Policy.ToString());
        }
    }

    private static bool Admits(ConnectionSet connections, int? protocol, int? port) =>
        FlowProtocols.ToPolicy(protocol) is not { } p ? connections.IsAll
        : port is { } n ? connections.Contains(p, n) : !connections.Ports(p).IsEmpty;

    private ConnectionSet Allowed(FlowPeer source, FlowPeer destination)
    {
        var key = (ClassOf(source, _sources), ClassOf(destination, _destinations));
        if (!_verdicts.TryGetValue(key, out var allowed))
            _verdicts[key] = allowed = _engine.Allowed(Endpoint(source, _sources), Endpoint(destination, _destinations));
        return allowed;
    }

    /// <summary>A pod's identity class (non-negative), or a negative number naming an external range.</summary>
    private int ClassOf(FlowPeer peer, ExternalEndpoint[] ranges)
    {
        if (_podClasses.TryGet(peer, out var known))
            return known;
        return PodOf(peer) is { } pod ? _podClasses.Set(peer, _engine.IdentityClass(pod)) : -1 - RangeIndex(peer, ranges);
    }

    private Endpoint Endpoint(FlowPeer peer, ExternalEndpoint[] ranges)
    {
        if (PodOf(peer) is { } pod)
            return pod;
        var index = RangeIndex(peer, ranges);
        return index < ranges.Length ? ranges[index] : new ExternalEndpoint(IpRange.All(peer.Address!.Value.Family));
    }

    private PodEndpoint? PodOf(FlowPeer peer)
    {
        if (peer.Pod is not { } pod)
            return null;
        return Find(pod) ?? throw new InvalidOperationException($"pod {pod} is not in the state judged");
    }

    /// <summary>The pod in this state: the same object, else the pod of that name, else a pod of its workload.</summary>
    private PodEndpoint? Find(Pod pod)
    {
        if (_pods.TryGetValue(pod, out var endpoint))
            return endpoint;
        return ByName(pod) ?? _podsByOwner.GetValueOrDefault(pod.Owner);
    }

    /// <summary>
    /// The pod of this state with the pod's name, when it is the same incarnation: a StatefulSet's pod deleted and created
    /// again under its name is another pod, created from its template of the time, not the one it replaced.
    /// </summary>
    private PodEndpoint? ByName(Pod pod) =>
        _podsByName.TryGetValue((pod.Namespace, pod.Name), out var endpoint)
        && (endpoint.Pod.Created is not { } created || pod.Created is not { } other || created == other)
            ? endpoint
            : null;

    /// <summary>
    /// The index of the external range holding the peer's address (ranges are sorted by family, then start);
    /// past the end for a family no policy mentions (IPv6 without IPv6 ipBlocks), whose addresses the
    /// policies cannot tell apart.
    /// </summary>
    private static int RangeIndex(FlowPeer peer, ExternalEndpoint[] ranges)
    {
        var address = peer.Address ?? throw new InvalidOperationException($"{peer} has no address");
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var range = ranges[mid].Range;
            if (range.Contains(address.Range))
                return mid;
            if (Before(range, address))
                low = mid + 1;
            else
                high = mid - 1;
        }
        return ranges.Length + (address.IsV6 ? 1 : 0);
    }

    private static bool Before(IpRange range, AddressKey address) =>
        range.Family != address.Family ? range.Family == AddressFamily.InterNetwork : range.End < address.Value;
}
