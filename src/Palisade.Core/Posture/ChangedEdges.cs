using Palisade.Connectivity;
using Palisade.Connectivity.Edge;
using Palisade.Net;

namespace Palisade.Posture;

/// <summary>
/// The edge lines of a cluster whose NetworkPolicies changed in some namespaces only (<see cref="ChangeScope"/>), from
/// the edge lines of the cluster before: what has neither end in those namespaces is kept, the rest is asked of the
/// engine again, once per pair of identity classes. Proving a fix then costs what the fix touches, not another
/// analysis of the whole cluster. A proof compares the default-port finding's severity alone, not the sources its
/// message names, so of what reaches a listener it keeps only which ports something outside its namespace reaches
/// (<see cref="ListenerReach"/>): asking stops once every port is shown. Not thread-safe: one proof uses it.
/// </summary>
internal sealed class ChangedEdges
{
    private readonly PolicyEngine _after;
    private readonly PeerGroups _groups;
    private readonly HashSet<string> _scope;
    private readonly bool _externalsMoved;
    private readonly bool _controllerMoved;
    private readonly List<PeerGroups.Group> _changed;
    private readonly ulong[] _admitted;

    private ChangedEdges(PolicyEngine beforeEngine, PeerGroups groups, PolicyEngine after, HashSet<string> scope)
    {
        _after = after;
        _scope = scope;
        _externalsMoved = !SameRanges(beforeEngine.ExternalSources, after.ExternalSources);
        // A pod's identity class depends on the ranges of both directions holding its addresses: a new ipBlock of
        // either direction can split a workload's pods into classes the groups before do not tell apart.
        _groups = _externalsMoved || !SameRanges(beforeEngine.ExternalDestinations, after.ExternalDestinations) ? PeerGroups.Of(after) : groups;
        _changed = _groups.In(scope);
        _controllerMoved = after.IngressController is { } controller && scope.Contains(controller.Pod.Namespace);
        _admitted = new ulong[after.Pods.Count / 64 + 1];
    }

    /// <summary>
    /// The edge lines after the change, given those before it, the workloads before it (<paramref name="groups"/>, valid
    /// after it while the external ranges of both directions are the same) and the namespaces whose policies changed.
    /// </summary>
    public static EdgeLines Compute(EdgeLines before, PeerGroups groups, PolicyEngine beforeEngine, PolicyEngine after, HashSet<string> scope) =>
        new ChangedEdges(beforeEngine, groups, after, scope).Compute(before);

    private EdgeLines Compute(EdgeLines before)
    {
        var fromExternal = new Dictionary<Peer, ConnectionSet>();
        foreach (var (peer, connections) in before.Reach.AllFromExternal)
        {
            if (!InScope(peer, _scope))
                fromExternal[peer] = connections;
        }
        foreach (var group in _changed)
            AddIfAny(fromExternal, group.Peer, FromRanges(_after, _after.ExternalSources, group.Representatives));
        var fromController = FromController(before, _after, _controllerMoved ? _groups.All : _changed, _controllerMoved, _scope);
        var inbound = new Dictionary<Peer, ListenerReach>();
        foreach (var listener in before.Listeners)
        {
            var group = _groups[listener];
            var reach = before.Inbound[listener].Fresh();
            var inScope = InScope(listener, _scope);
            if (!inScope)
                before.Inbound[listener].KeepUnchanged(reach, _scope, _externalsMoved, _controllerMoved);
            if ((inScope || _controllerMoved) && fromController.TryGetValue(listener, out var opened))
                reach.Add(Peer.IngressController, opened);
            if (inScope || _externalsMoved)
                AddFromRanges(reach, group);
            AddFrom(inScope ? MayReach(group, _groups.All, inScope: false) : MayReach(group, _changed, inScope: true), reach, group);
            inbound[listener] = reach;
        }
        return new EdgeLines(new ExternalReach(fromExternal, fromController), before.Listeners, inbound, 0);
    }

    /// <summary>Asks the sources about the listener until every port it listens on is shown reached.</summary>
    private void AddFrom(IEnumerable<PeerGroups.Group> sources, ListenerReach reach, PeerGroups.Group listener)
    {
        foreach (var group in sources)
        {
            if (reach.Complete)
                return;
            if (reach.Counts(group.Peer))
                reach.Add(group.Peer, Between(_after, group.Representatives, listener.Representatives));
        }
    }

    /// <summary>
    /// The workloads of <paramref name="pool"/> that may reach the listener: when the listener's policies bound whom they
    /// admit (<see cref="PolicyEngine.AddIngressCandidates"/>), the groups of those pods (in the scope when
    /// <paramref name="inScope"/>), found from the pods rather than by asking every workload; else the whole pool. In a
    /// dense cluster whose fixes isolate most namespaces, a proof would otherwise ask every workload about every listener.
    /// </summary>
    private IEnumerable<PeerGroups.Group> MayReach(PeerGroups.Group listener, IEnumerable<PeerGroups.Group> pool, bool inScope)
    {
        Array.Clear(_admitted);
        foreach (var representative in listener.Representatives)
        {
            if (!_after.AddIngressCandidates(_after.Pods[representative], _admitted))
            {
                foreach (var group in pool)
                    yield return group;
                yield break;
            }
        }
        var seen = new HashSet<PeerGroups.Group>(ReferenceEqualityComparer.Instance);
        for (var w = 0; w < _admitted.Length; w++)
        {
            for (var bits = _admitted[w]; bits != 0; bits &= bits - 1)
            {
                var pod = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (pod >= _after.Pods.Count)
                    continue;
                var group = _groups.Holding(pod);
                if ((!inScope || InScope(group.Peer, _scope)) && seen.Add(group))
                    yield return group;
            }
        }
    }

    /// <summary>Asks the external ranges (in the order they are named) about the listener until every port is shown reached.</summary>
    private void AddFromRanges(ListenerReach reach, PeerGroups.Group listener)
    {
        foreach (var range in _after.ExternalSources)
        {
            if (reach.Complete)
                return;
            var connections = FromRange(_after, range, listener.Representatives);
            if (!connections.IsEmpty)
                reach.Add(ConnectivityAnalyzer.PeerOf(range), connections);
        }
    }

    /// <summary>What the ingress controller can open to each workload: asked again for the groups given, kept for the others unless it moved.</summary>
    private static Dictionary<Peer, ConnectionSet> FromController(EdgeLines before, PolicyEngine after, IReadOnlyList<PeerGroups.Group> asked, bool moved, HashSet<string> scope)
    {
        var result = new Dictionary<Peer, ConnectionSet>();
        if (after.IngressController is not { } controller)
            return result;
        if (!moved)
        {
            foreach (var (peer, connections) in before.Reach.AllFromIngressController)
            {
                if (!InScope(peer, scope))
                    result[peer] = connections;
            }
        }
        var routing = new IngressRouting(after.Cluster, after.Options);
        foreach (var group in asked)
            AddIfAny(result, group.Peer, ConnectivityAnalyzer.IngressAllowed(after, controller, routing, Pods(after, group.Members), out _));
        return result;
    }

    private static IEnumerable<PodEndpoint> Pods(PolicyEngine engine, int[] indices)
    {
        foreach (var index in indices)
            yield return engine.Pods[index];
    }

    private static ConnectionSet FromRanges(PolicyEngine engine, IReadOnlyList<ExternalEndpoint> ranges, int[] destinations)
    {
        var allowed = ConnectionSet.None;
        foreach (var range in ranges)
        {
            allowed = allowed.Union(FromRange(engine, range, destinations));
            if (allowed.IsAll)
                return allowed;
        }
        return allowed;
    }

    private static ConnectionSet FromRange(PolicyEngine engine, ExternalEndpoint range, int[] destinations)
    {
        var allowed = ConnectionSet.None;
        foreach (var destination in destinations)
        {
            allowed = allowed.Union(engine.Allowed(range, engine.Pods[destination]));
            if (allowed.IsAll)
                return allowed;
        }
        return allowed;
    }

    private static ConnectionSet Between(PolicyEngine engine, int[] sources, int[] destinations)
    {
        var allowed = ConnectionSet.None;
        foreach (var source in sources)
        {
            foreach (var destination in destinations)
                allowed = allowed.Union(engine.Allowed(engine.Pods[source], engine.Pods[destination]));
        }
        return allowed;
    }

    private static bool InScope(Peer peer, HashSet<string> scope) => peer.Namespace is { } ns && scope.Contains(ns);

    /// <summary>Whether two partitions of the addresses outside the cluster are the same ranges.</summary>
    internal static bool SameRanges(IReadOnlyList<ExternalEndpoint> a, IReadOnlyList<ExternalEndpoint> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Range.Equals(b[i].Range))
                return false;
        }
        return true;
    }

    private static void AddIfAny(Dictionary<Peer, ConnectionSet> map, Peer peer, ConnectionSet connections)
    {
        if (!connections.IsEmpty)
            map[peer] = connections;
    }
}
