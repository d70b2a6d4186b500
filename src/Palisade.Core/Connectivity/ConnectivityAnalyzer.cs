using Palisade.Model;

namespace Palisade.Connectivity;

/// <summary>
/// Computes the connectivity report: every ordered pair of peers (pods grouped by workload or not, and
/// external ranges) with a non-empty connection set. Pairs within one peer are not reported.
/// </summary>
public static class ConnectivityAnalyzer
{
    /// <summary>Analyses the whole cluster.</summary>
    public static ConnectivityReport Analyze(PolicyEngine engine, Granularity granularity = Granularity.Workload)
    {
        var groups = engine.Pods
            .GroupBy(p => PeerOf(p.Pod, granularity))
            .OrderBy(g => g.Key)
            .Select(g => (Peer: g.Key, Members: g.ToArray()))
            .ToArray();
        // One pod per identity class stands for its group: the others would only repeat its verdicts.
        var representatives = groups.Select(g => g.Members.DistinctBy(engine.IdentityClass).ToArray()).ToArray();
        var endpoints = groups.ToDictionary(g => g.Peer, g => (IReadOnlyList<Endpoint>)g.Members);
        var sources = groups.Select((g, i) => (g.Peer, (Endpoint[])representatives[i]))
            .Concat(engine.ExternalSources.Select(e => (ExternalPeer(e), new Endpoint[] { e })))
            .OrderBy(x => x.Item1).ToArray();
        var destinations = groups.Select((g, i) => (g.Peer, (Endpoint[])representatives[i]))
            .Concat(engine.ExternalDestinations.Select(e => (ExternalPeer(e), new Endpoint[] { e })))
            .OrderBy(x => x.Item1).ToArray();
        foreach (var (peer, members) in sources.Concat(destinations))
            endpoints.TryAdd(peer, members);

        // Sources and destinations are visited in sorted order, so the lines come out sorted.
        var connections = new List<Connection>();
        foreach (var (source, sourceMembers) in sources)
        {
            foreach (var (destination, destinationMembers) in destinations)
            {
                if (source.IsAddressRange && destination.IsAddressRange || source.Equals(destination))
                    continue;
                Add(connections, source, destination, Union(engine, sourceMembers, destinationMembers));
            }
        }
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

    private static void AddIngress(PolicyEngine engine, PodEndpoint controller, (Peer Peer, PodEndpoint[] Members)[] groups,
        List<Connection> connections, List<string> warnings)
    {
        var exposure = new IngressExposure(engine.Cluster, engine.Options);
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
        granularity == Granularity.Pod && !pod.FromTemplate
            ? new Peer(pod.Namespace, pod.Name, "Pod")
            : new Peer(pod.Owner.Namespace, pod.Owner.Name, pod.Owner.Kind);

    /// <summary>The reported peer of an external range.</summary>
    public static Peer ExternalPeer(ExternalEndpoint external) => new(null, external.Range.ToString(), "External");

    private static ConnectionSet Union(PolicyEngine engine, IReadOnlyList<Endpoint> sources, IReadOnlyList<Endpoint> destinations)
    {
        var union = ConnectionSet.None;
        foreach (var source in sources)
        {
            foreach (var destination in destinations)
            {
                if (ReferenceEquals(source, destination))
                    continue;
                union = union.Union(engine.Allowed(source, destination));
                if (union.IsAll)
                    return union;
            }
        }
        return union;
    }

    private static void Add(List<Connection> connections, Peer source, Peer destination, ConnectionSet allowed)
    {
        if (!allowed.IsEmpty)
            connections.Add(new Connection(source, destination, allowed));
    }
}
