using Palisade.Connectivity;
using Palisade.Connectivity.Edge;
using Palisade.Net;

namespace Palisade.Posture;

/// <summary>
/// The edge lines of a cluster whose NetworkPolicies changed in some namespaces only (<see cref="ChangeScope"/>), from
/// the edge lines of the cluster before: what has neither end in those namespaces is kept, the rest is asked of the
/// engine again, once per pair of identity classes. Proving a fix then costs what the fix touches, not another
/// analysis of the whole cluster.
/// </summary>
internal static class ChangedEdges
{
    /// <summary>
    /// The edge lines after the change, given those before it, the workloads before it (<paramref name="groups"/>, valid
    /// after it while the external ranges of both directions are the same) and the namespaces whose policies changed.
    /// </summary>
    public static EdgeLines Compute(EdgeLines before, PeerGroups groups, PolicyEngine beforeEngine, PolicyEngine after, HashSet<string> scope)
    {
        var externalsMoved = !SameRanges(beforeEngine.ExternalSources, after.ExternalSources);
        // A pod's identity class depends on the ranges of both directions holding its addresses: a new ipBlock of
        // either direction can split a workload's pods into classes the groups before do not tell apart.
        if (externalsMoved || !SameRanges(beforeEngine.ExternalDestinations, after.ExternalDestinations))
            groups = PeerGroups.Of(after);
        var changed = groups.In(scope);
        var ranges = Array.ConvertAll(after.ExternalSources.ToArray(), r => (Range: r, Peer: ConnectivityAnalyzer.PeerOf(r)));
        var fromExternal = new Dictionary<Peer, ConnectionSet>();
        foreach (var (peer, connections) in before.Reach.AllFromExternal)
        {
            if (!InScope(peer, scope))
                fromExternal[peer] = connections;
        }
        foreach (var group in changed)
            AddIfAny(fromExternal, group.Peer, FromRanges(after, after.ExternalSources, group.Representatives));
        var controllerMoved = after.IngressController is { } controller && scope.Contains(controller.Pod.Namespace);
        var fromController = FromController(before, after, controllerMoved ? groups.All : changed, controllerMoved, scope);
        var inbound = new Dictionary<Peer, List<Connection>>();
        foreach (var listener in before.Listeners)
        {
            var group = groups[listener];
            var controllerLine = fromController.TryGetValue(listener, out var opened) ? new Connection(Peer.IngressController, listener, opened) : null;
            var lines = InScope(listener, scope)
                ? Anew(after, groups.All, ranges, group, controllerLine)
                : Patched(before.Inbound.GetValueOrDefault(listener) ?? [], after, changed, ranges, group, scope, externalsMoved, controllerMoved, controllerLine);
            if (lines.Count > 0)
                inbound[listener] = lines;
        }
        return new EdgeLines(new ExternalReach(fromExternal, fromController), before.Listeners, inbound, 0);
    }

    /// <summary>
    /// The lines into a listening workload outside the scope: those before the change from outside the scope, and those
    /// from the scope asked again (the same list when nothing in the scope reaches it, before or after); the ingress
    /// controller's line is <paramref name="controllerLine"/> when the controller's own policies changed, else the one before.
    /// </summary>
    private static List<Connection> Patched(List<Connection> kept, PolicyEngine after, List<PeerGroups.Group> changed, (ExternalEndpoint Range, Peer Peer)[] ranges,
        PeerGroups.Group listener, HashSet<string> scope, bool externalsMoved, bool controllerMoved, Connection? controllerLine)
    {
        var added = new List<Connection>();
        foreach (var group in changed)
            AddIfAny(added, group.Peer, listener.Peer, Between(after, group.Representatives, listener.Representatives));
        if (externalsMoved)
            AddFromRanges(added, after, ranges, listener);
        var removes = controllerMoved;
        foreach (var line in kept)
            removes |= Replaced(line.Source, scope, externalsMoved);
        if (added.Count == 0 && !removes)
            return kept;
        // The lines kept are in report order (by source) and no source is both kept and added: a merge, not a sort of
        // every line into every listener (thousands in a dense cluster, for each listener, in each proof).
        added.Sort((a, b) => a.Source.CompareTo(b.Source));
        var lines = new List<Connection>(kept.Count + added.Count);
        var next = 0;
        foreach (var line in kept)
        {
            if (line.Source.Equals(Peer.IngressController))
            {
                controllerLine = controllerMoved ? controllerLine : line;
                continue;
            }
            if (Replaced(line.Source, scope, externalsMoved))
                continue;
            while (next < added.Count && added[next].Source.CompareTo(line.Source) < 0)
                lines.Add(added[next++]);
            lines.Add(line);
        }
        while (next < added.Count)
            lines.Add(added[next++]);
        if (controllerLine is not null)
            lines.Add(controllerLine);
        return lines;
    }

    /// <summary>Every line into a listening workload in scope, asked again: from every workload, every external range and the ingress controller.</summary>
    private static List<Connection> Anew(PolicyEngine after, IReadOnlyList<PeerGroups.Group> sources, (ExternalEndpoint Range, Peer Peer)[] ranges,
        PeerGroups.Group listener, Connection? controllerLine)
    {
        var lines = new List<Connection>();
        foreach (var group in sources)
        {
            if (!ReferenceEquals(group, listener))
                AddIfAny(lines, group.Peer, listener.Peer, Between(after, group.Representatives, listener.Representatives));
        }
        AddFromRanges(lines, after, ranges, listener);
        lines.Sort((a, b) => a.Source.CompareTo(b.Source));
        if (controllerLine is not null)
            lines.Add(controllerLine);
        return lines;
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

    /// <summary>Whether a line before the change from this source may have changed: a workload in scope, or an external range when the ranges moved.</summary>
    private static bool Replaced(Peer source, HashSet<string> scope, bool externalsMoved) =>
        InScope(source, scope) || externalsMoved && source is ExternalPeer;

    /// <summary>The lines from each external range (with its peer, named once per proof rather than per listener) into the listener.</summary>
    private static void AddFromRanges(List<Connection> lines, PolicyEngine after, (ExternalEndpoint Range, Peer Peer)[] ranges, PeerGroups.Group listener)
    {
        foreach (var (range, peer) in ranges)
            AddIfAny(lines, peer, listener.Peer, FromRange(after, range, listener.Representatives));
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

    private static void AddIfAny(List<Connection> lines, Peer source, Peer destination, ConnectionSet connections)
    {
        if (!connections.IsEmpty)
            lines.Add(new Connection(source, destination, connections));
    }
}
