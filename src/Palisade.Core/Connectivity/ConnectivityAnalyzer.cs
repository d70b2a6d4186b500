using System.Numerics;
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
    /// <summary>Analyses the whole cluster, keeping every line.</summary>
    public static ConnectivityReport Analyze(PolicyEngine engine, Granularity granularity = Granularity.Workload) =>
        Stream(engine, granularity).ToReport();

    /// <summary>Analyses the whole cluster; the lines are computed as they are read.</summary>
    /// <remarks>
    /// Connections come from the class model's rows (bitsets over identity classes per port class), expanded
    /// to the reported peers as they are read; a workload's line is the union over its classes, as over its pods.
    /// Peers are sorted once, so the lines come out in np-guard's order without sorting them.
    /// </remarks>
    public static ConnectivityStream Stream(PolicyEngine engine, Granularity granularity = Granularity.Workload)
    {
        var plan = Plan.Of(engine, granularity);
        return new ConnectivityStream(plan.Peers, () => Lines(plan, null, null),
            (into, counted) => Lines(plan, Array.ConvertAll(plan.Destinations, d => into.Contains(d.Peer)), counted))
        { Endpoints = plan.Endpoints, Warnings = plan.Warnings };
    }

    /// <summary>
    /// Of the lines <see cref="Stream"/> gives, those from external ranges and the ingress controller and those into
    /// the given peers, in the same order: what the posture checks read of a cluster whose other lines nobody reads (a
    /// fix being proven), without producing the others.
    /// </summary>
    public static IEnumerable<Connection> EdgeLines(PolicyEngine engine, IReadOnlySet<Peer> into, Granularity granularity = Granularity.Workload) =>
        Stream(engine, granularity).EdgeLines(into);

    /// <summary>What producing the lines needs: the class model, the sorted peers with their nodes, and what only the engine knows.</summary>
    private sealed record Plan(ReachabilityModel Model, Peer[] Peers, (Peer Peer, int[] Nodes)[] Sources, (Peer Peer, int[] Nodes)[] Destinations,
        List<Connection> Ingress, Dictionary<Peer, IReadOnlyList<Endpoint>> Endpoints, List<string> Warnings)
    {
        public static Plan Of(PolicyEngine engine, Granularity granularity)
        {
            var groups = Groups(engine, granularity);
            var model = new ReachabilityModel(engine.Cluster, engine.Options, engine);
            var endpoints = PeerEndpoints(engine, groups);
            var classes = Array.ConvertAll(groups, g => (g.Peer, Nodes(model, g.Members)));
            var sources = Sorted(classes, engine.ExternalSources, model.ExternalSourceNodes);
            var destinations = Sorted(classes, engine.ExternalDestinations, model.ExternalDestinationNodes);
            var ingress = new List<Connection>();
            var warnings = EngineFacts(engine, groups, endpoints, ingress);
            return new Plan(model, Array.ConvertAll(groups, g => g.Peer), sources, destinations, ingress, endpoints, warnings);
        }
    }

    /// <summary>
    /// The report of <paramref name="engine"/>'s cluster from its pod and external lines computed elsewhere (by
    /// <see cref="Reachability.IncrementalReachability"/>): adds what only the engine knows, the ingress controller's
    /// lines, the endpoints of every peer and the warnings, so that the result equals <see cref="Analyze"/>'s.
    /// </summary>
    public static ConnectivityReport Complete(PolicyEngine engine, IEnumerable<Connection> podAndExternalLines, Granularity granularity = Granularity.Workload)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var groups = Groups(engine, granularity);
        var endpoints = PeerEndpoints(engine, groups);
        var connections = new List<Connection>(podAndExternalLines);
        var warnings = EngineFacts(engine, groups, endpoints, connections);
        return new ConnectivityReport(Array.ConvertAll(groups, g => g.Peer), connections) { Endpoints = endpoints, Warnings = warnings };
    }

    /// <summary>The endpoints each reported peer stands for: a workload's (or pod's) pods, and each external range itself.</summary>
    private static Dictionary<Peer, IReadOnlyList<Endpoint>> PeerEndpoints(PolicyEngine engine, (Peer Peer, PodEndpoint[] Members)[] groups)
    {
        var endpoints = new Dictionary<Peer, IReadOnlyList<Endpoint>>(groups.Length);
        foreach (var (peer, members) in groups)
            endpoints[peer] = members;
        foreach (var external in engine.ExternalSources.Concat(engine.ExternalDestinations))
            endpoints.TryAdd(PeerOf(external), [external]);
        return endpoints;
    }

    /// <summary>
    /// What only the engine knows of the peers: the host-network warnings, and the ingress controller's endpoint and
    /// lines (added to <paramref name="lines"/>, with the warnings about blocked routes). Returns the warnings.
    /// </summary>
    private static List<string> EngineFacts(PolicyEngine engine, (Peer Peer, PodEndpoint[] Members)[] groups,
        Dictionary<Peer, IReadOnlyList<Endpoint>> endpoints, List<Connection> lines)
    {
        var warnings = HostNetworkWarnings(engine, groups);
        if (engine.IngressController is { } controller)
        {
            endpoints[Peer.IngressController] = [controller];
            AddIngress(engine, controller, groups, lines, warnings);
        }
        return warnings;
    }

    private static List<string> HostNetworkWarnings(PolicyEngine engine, (Peer Peer, PodEndpoint[] Members)[] groups)
    {
        var warnings = new List<string>();
        foreach (var (peer, members) in groups)
        {
            if (Array.Exists(members, m => !engine.IsSubjectToPolicies(m.Pod)))
                warnings.Add($"{peer} uses the host network: pod policies do not apply to it, and only ipBlocks holding its node's address match it");
        }
        return warnings;
    }

    /// <summary>The pods of each reported peer, sorted by peer.</summary>
    private static (Peer Peer, PodEndpoint[] Members)[] Groups(PolicyEngine engine, Granularity granularity)
    {
        var byPeer = new Dictionary<(string Kind, string Namespace, string Name), (Peer Peer, List<PodEndpoint> Members)>();
        foreach (var endpoint in engine.Pods)
        {
            var pod = endpoint.Pod;
            var key = granularity == Granularity.Pod && !pod.FromTemplate ? ("\0", pod.Namespace, pod.Name) : (pod.Owner.Kind, pod.Owner.Namespace, pod.Owner.Name);
            if (!byPeer.TryGetValue(key, out var group))
                byPeer[key] = group = (PeerOf(pod, granularity), []);
            group.Members.Add(endpoint);
        }
        var groups = new (Peer Peer, PodEndpoint[] Members)[byPeer.Count];
        var i = 0;
        foreach (var (peer, members) in byPeer.Values)
            groups[i++] = (peer, members.ToArray());
        Array.Sort(groups, (a, b) => a.Peer.CompareTo(b.Peer));
        return groups;
    }

    private static int[] Nodes(ReachabilityModel model, PodEndpoint[] members)
    {
        var nodes = new HashSet<int>();
        var ordered = new List<int>(1);
        foreach (var member in members)
        {
            if (nodes.Add(model.PodNodes[member.Index]))
                ordered.Add(model.PodNodes[member.Index]);
        }
        return ordered.ToArray();
    }

    private static (Peer Peer, int[] Nodes)[] Sorted((Peer Peer, int[] Nodes)[] classes, IReadOnlyList<ExternalEndpoint> externals, IEnumerable<int> externalNodes)
    {
        var result = new List<(Peer Peer, int[] Nodes)>(classes.Length + externals.Count);
        result.AddRange(classes);
        var i = 0;
        foreach (var node in externalNodes)
            result.Add((PeerOf(externals[i++]), [node]));
        result.Sort((a, b) => a.Peer.CompareTo(b.Peer));
        return result.ToArray();
    }

    /// <summary>
    /// The lines between the sorted source and destination peers (each with its model nodes): per source, its
    /// classes' rows are folded into the destinations holding each node, then emitted in destination order;
    /// the ingress controller's lines come last, as its name sorts after every other.
    /// </summary>
    /// <remarks>
    /// With <paramref name="keep"/>, only the lines from external sources and those into the destination entries it
    /// marks are produced; the rows of in-cluster sources are not computed at all when it marks none, unless the lines
    /// are <paramref name="counted"/>: then a source of one class counts its class's destinations, learnt once per class
    /// (<see cref="LineTally"/>), rather than producing its lines.
    /// </remarks>
    private static IEnumerable<Connection> Lines(Plan plan, bool[]? keep, Action<int>? counted)
    {
        var (model, sources, destinations, ingress) = (plan.Model, plan.Sources, plan.Destinations, plan.Ingress);
        var someKept = keep is null || Array.IndexOf(keep, true) >= 0;
        var destinationsOf = DestinationsOf(model, destinations);
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
        var touched = new ulong[(destinations.Length + 63) >> 6];
        var row = new List<(int Node, ConnectionSet Connections)>();
        var tally = keep is not null && counted is not null ? new LineTally(model.NodeCapacity, destinations, destinationsOf) : null;
        var count = 0;
        foreach (var (source, nodes) in sources)
        {
            var external = source is ExternalPeer;
            var produce = external || someKept;
            if (!produce && tally is null)
                continue;
            foreach (var node in nodes)
            {
                // A source of one class whose lines are only counted needs no row once its class's count is known.
                var needed = produce || nodes.Length != 1 || !tally!.Knows(node);
                if (!cached.TryGetValue(node, out var items) && needed)
                {
                    items = uses[node] > 1 ? [] : row;
                    model.Row(node, items, index);
                    if (uses[node] > 1)
                        cached[node] = items;
                }
                if (--uses[node] == 0)
                    cached.Remove(node);
                if (items is null)
                    continue;
                tally?.Read(node, items, nodes.Length == 1);
                if (produce)
                    Fold(items, destinationsOf, external ? null : keep, accumulated, touched);
            }
            if (tally is not null)
                count += tally.LinesOf(source, nodes);
            for (var w = 0; w < touched.Length; w++)
            {
                var bits = touched[w];
                touched[w] = 0;
                for (; bits != 0; bits &= bits - 1)
                {
                    var entry = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    var destination = destinations[entry].Peer;
                    var allowed = accumulated[entry]!;
                    accumulated[entry] = null;
                    if (!(external && destination is ExternalPeer) && !ReferenceEquals(source, destination))
                    {
                        if (tally is null)
                            count++;
                        yield return new Connection(source, destination, allowed);
                    }
                }
            }
        }
        foreach (var connection in ingress)
            yield return connection;
        counted?.Invoke(count + ingress.Count);
    }

    /// <summary>Folds a class's row into the destination entries holding each node it reaches (those <paramref name="keep"/> marks, when given).</summary>
    private static void Fold(List<(int Node, ConnectionSet Connections)> row, int[][] destinationsOf, bool[]? keep, ConnectionSet?[] accumulated, ulong[] touched)
    {
        foreach (var (destination, allowed) in row)
        {
            foreach (var entry in destinationsOf[destination])
            {
                if (keep is not null && !keep[entry])
                    continue;
                if (accumulated[entry] is { } sofar)
                    accumulated[entry] = sofar.Union(allowed);
                else
                {
                    accumulated[entry] = allowed;
                    touched[entry >> 6] |= 1UL << entry;
                }
            }
        }
    }

    /// <summary>For each model node, the destination entries (indices into the sorted destinations) holding it.</summary>
    private static int[][] DestinationsOf(ReachabilityModel model, (Peer Peer, int[] Nodes)[] destinations)
    {
        var counts = new int[model.NodeCapacity];
        foreach (var (_, nodes) in destinations)
        {
            foreach (var node in nodes)
                counts[node]++;
        }
        var result = new int[model.NodeCapacity][];
        for (var node = 0; node < result.Length; node++)
            result[node] = counts[node] == 0 ? [] : new int[counts[node]];
        Array.Clear(counts);
        for (var i = 0; i < destinations.Length; i++)
        {
            foreach (var node in destinations[i].Nodes)
                result[node][counts[node]++] = i;
        }
        return result;
    }

    private static void AddIngress(PolicyEngine engine, PodEndpoint controller, (Peer Peer, PodEndpoint[] Members)[] groups,
        List<Connection> connections, List<string> warnings)
    {
        var exposure = new IngressRouting(engine.Cluster, engine.Options);
        warnings.AddRange(exposure.Warnings);
        foreach (var (peer, members) in groups)
        {
            var allowed = IngressAllowed(engine, controller, exposure, members, out var route);
            if (route is not null && allowed.IsEmpty)
                warnings.Add($"{route} routes to {peer}, but its policies block the ingress controller");
            if (!allowed.IsEmpty)
                connections.Add(new Connection(Peer.IngressController, peer, allowed));
        }
    }

    /// <summary>What the ingress controller can open to a peer's pods through the routes; the first route to one of them, if any.</summary>
    internal static ConnectionSet IngressAllowed(PolicyEngine engine, PodEndpoint controller, IngressRouting routing, IEnumerable<PodEndpoint> members, out IngressRoute? route)
    {
        var allowed = ConnectionSet.None;
        route = null;
        foreach (var member in members)
        {
            var exposed = routing.ExposedPorts(member.Pod);
            if (exposed.IsEmpty)
                continue;
            route ??= routing.RouteTo(member.Pod);
            allowed = allowed.Union(exposed.Intersect(engine.Allowed(controller, member)));
        }
        return allowed;
    }

    /// <summary>The reported peer of a pod at the granularity.</summary>
    public static Peer PeerOf(Pod pod, Granularity granularity) =>
        granularity == Granularity.Pod && !pod.FromTemplate ? new PodPeer(pod.Namespace, pod.Name) : new WorkloadPeer(pod.Owner);

    /// <summary>The reported peer of an external range.</summary>
    public static Peer PeerOf(ExternalEndpoint external) => new ExternalPeer(external.Range);
}
