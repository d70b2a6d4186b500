using Palisade.Connectivity.Edge;
using Palisade.Connectivity.Reachability;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// Computes the connectivity report: every ordered pair of peers (pods grouped by workload or not, and
/// external ranges) with a non-empty connection set. Pairs within one peer are not reported.
/// </summary>
public static class ConnectivityAnalyzer
{
    /// <summary>Analyses the whole cluster.</summary>
    /// <remarks>
    /// Connections come from the class model's rows (bitsets over identity classes per port class), expanded
    /// to the reported peers here; a workload's line is the union over its classes, as over its pods.
    /// </remarks>
    public static ConnectivityReport Analyze(PolicyEngine engine, Granularity granularity = Granularity.Workload)
    {
        var groups = Groups(engine, granularity);
        var model = new ReachabilityModel(engine.Cluster, engine.Options, engine);
        var endpoints = groups.ToDictionary(g => g.Peer, g => (IReadOnlyList<Endpoint>)g.Members);
        var classes = groups.Select(g => (g.Peer, Nodes: g.Members.Select(m => model.PodNodes[m.Index]).Distinct().ToArray())).ToArray();
        var sources = classes
            .Concat(engine.ExternalSources.Zip(model.ExternalSourceNodes, (e, node) => (PeerOf(e), new[] { node })))
            .OrderBy(x => x.Item1).ToArray();
        var destinations = classes
            .Concat(engine.ExternalDestinations.Zip(model.ExternalDestinationNodes, (e, node) => (PeerOf(e), new[] { node })))
            .OrderBy(x => x.Item1).ToArray();
        foreach (var external in engine.ExternalSources.Concat(engine.ExternalDestinations))
            endpoints.TryAdd(PeerOf(external), [external]);
        return Complete(engine, groups, endpoints, Connections(model, sources, destinations));
    }

    /// <summary>
    /// The report of <paramref name="engine"/>'s cluster from its pod and external lines computed elsewhere (by
    /// <see cref="IncrementalReachability"/>): adds what only the engine knows, the ingress controller's lines,
    /// the endpoints of every peer and the warnings, so that the result equals <see cref="Analyze"/>'s.
    /// </summary>
    public static ConnectivityReport Complete(PolicyEngine engine, IEnumerable<Connection> podAndExternalLines, Granularity granularity = Granularity.Workload)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var groups = Groups(engine, granularity);
        var endpoints = groups.ToDictionary(g => g.Peer, g => (IReadOnlyList<Endpoint>)g.Members);
        foreach (var external in engine.ExternalSources.Concat(engine.ExternalDestinations))
            endpoints.TryAdd(PeerOf(external), [external]);
        return Complete(engine, groups, endpoints, [.. podAndExternalLines]);
    }

    private static (Peer Peer, PodEndpoint[] Members)[] Groups(PolicyEngine engine, Granularity granularity) =>
        engine.Pods
            .GroupBy(p => PeerOf(p.Pod, granularity))
            .OrderBy(g => g.Key)
            .Select(g => (Peer: g.Key, Members: g.ToArray()))
            .ToArray();

    private static ConnectivityReport Complete(PolicyEngine engine, (Peer Peer, PodEndpoint[] Members)[] groups,
        Dictionary<Peer, IReadOnlyList<Endpoint>> endpoints, List<Connection> connections)
    {
        var warnings = new List<string>();
        foreach (var (peer, members) in groups)
        {
            if (members.Any(m => !engine.IsSubjectToPolicies(m.Pod)))
                warnings.Add($"{peer} uses the host network: pod policies do not apply to it, and only ipBlocks holding its node's address match it");
        }
        if (engine.IngressController is { } controller)
        {
            endpoints[Peer.IngressController] = [controller];
            AddIngress(engine, controller, groups, connections, warnings);
        }
        return new ConnectivityReport(groups.Select(g => g.Peer).ToArray(), connections) { Endpoints = endpoints, Warnings = warnings };
    }

    /// <summary>
    /// The lines between the sorted source and destination peers (each with its model nodes): per source, its
    /// classes' rows are folded into the destinations holding each node, then emitted in destination order.
    /// </summary>
    private static List<Connection> Connections(ReachabilityModel model, (Peer Peer, int[] Nodes)[] sources, (Peer Peer, int[] Nodes)[] destinations)
    {
        var destinationsOf = new List<int>?[model.NodeCapacity];
        for (var i = 0; i < destinations.Length; i++)
        {
            foreach (var node in destinations[i].Nodes)
                (destinationsOf[node] ??= []).Add(i);
        }
        // A class shared by several source peers (pod granularity, look-alike templates) is computed once.
        var uses = new int[model.NodeCapacity];
        foreach (var (_, nodes) in sources)
        {
            foreach (var node in nodes)
                uses[node]++;
        }
        var cached = new Dictionary<int, List<(int Node, ConnectionSet Connections)>>();
        var index = model.IngressIndex();
        var accumulated = new ConnectionSet?[destinations.Length];
        var touched = new List<int>();
        var row = new List<(int Node, ConnectionSet Connections)>();
        var connections = new List<Connection>();
        foreach (var (source, nodes) in sources)
        {
            foreach (var node in nodes)
            {
                if (!cached.TryGetValue(node, out var items))
                {
                    items = uses[node] > 1 ? [] : row;
                    model.Row(node, items, index);
                    if (uses[node] > 1)
                        cached[node] = items;
                }
                if (--uses[node] == 0)
                    cached.Remove(node);
                foreach (var (destination, allowed) in items)
                {
                    foreach (var entry in destinationsOf[destination] ?? [])
                    {
                        if (accumulated[entry] is null)
                            touched.Add(entry);
                        accumulated[entry] = (accumulated[entry] ?? ConnectionSet.None).Union(allowed);
                    }
                }
            }
            touched.Sort();
            foreach (var entry in touched)
            {
                var destination = destinations[entry].Peer;
                if (!(source is ExternalPeer && destination is ExternalPeer) && !source.Equals(destination))
                    Add(connections, source, destination, accumulated[entry]!);
                accumulated[entry] = null;
            }
            touched.Clear();
        }
        return connections;
    }

    private static void AddIngress(PolicyEngine engine, PodEndpoint controller, (Peer Peer, PodEndpoint[] Members)[] groups,
        List<Connection> connections, List<string> warnings)
    {
        var exposure = new IngressRouting(engine.Cluster, engine.Options);
        warnings.AddRange(exposure.Warnings);
        foreach (var (peer, members) in groups)
        {
            var allowed = ConnectionSet.None;
            IngressRoute? route = null;
            foreach (var member in members)
            {
                var exposed = exposure.ExposedPorts(member.Pod);
                if (exposed.IsEmpty)
                    continue;
                route ??= exposure.RouteTo(member.Pod);
                allowed = allowed.Union(exposed.Intersect(engine.Allowed(controller, member)));
            }
            if (route is not null && allowed.IsEmpty)
                warnings.Add($"{route} routes to {peer}, but its policies block the ingress controller");
            Add(connections, Peer.IngressController, peer, allowed);
        }
    }

    /// <summary>The reported peer of a pod at the granularity.</summary>
    public static Peer PeerOf(Pod pod, Granularity granularity) =>
        granularity == Granularity.Pod && !pod.FromTemplate ? new PodPeer(pod.Namespace, pod.Name) : new WorkloadPeer(pod.Owner);

    /// <summary>The reported peer of an external range.</summary>
    public static Peer PeerOf(ExternalEndpoint external) => new ExternalPeer(external.Range);

    private static void Add(List<Connection> connections, Peer source, Peer destination, ConnectionSet allowed)
    {
        if (!allowed.IsEmpty)
            connections.Add(new Connection(source, destination, allowed));
    }
}
