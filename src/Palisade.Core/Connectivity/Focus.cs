namespace Palisade.Connectivity;

/// <summary>
/// Narrows a report to the connections of some workloads, named <c>name</c> (any namespace), <c>ns/name</c>,
/// <c>ns/name[Kind]</c> as printed, or <c>ingress-controller</c>; the graph keeps the focused workloads and the peers they connect to.
/// </summary>
public static class Focus
{
    /// <summary>The narrowed report; throws <see cref="InvalidRequestException"/> when a name matches no workload.</summary>
    public static ConnectivityReport Apply(ConnectivityReport report, IReadOnlyList<string> workloads)
    {
        var focused = new HashSet<Peer>();
        foreach (var name in workloads)
        {
            var matches = report.Peers.Append(Peer.IngressController).Where(p => Matches(p, name)).ToArray();
            if (matches.Length == 0 || matches is [var only] && only == Peer.IngressController && !report.Endpoints.ContainsKey(only))
                throw new InvalidRequestException("focus", $"no workload {name}");
            focused.UnionWith(matches);
        }
        var connections = report.Connections.Where(c => focused.Contains(c.Source) || focused.Contains(c.Destination)).ToArray();
        var peers = report.Peers.Where(p => focused.Contains(p) || connections.Any(c => c.Source == p || c.Destination == p)).ToArray();
        return report with { Peers = peers, Connections = connections };
    }

    private static bool Matches(Peer peer, string name)
    {
        var own = peer switch
        {
            IngressControllerPeer => null,
            WorkloadPeer w => w.Workload.Name,
            PodPeer p => p.Name,
            _ => null,
        };
        if (own is null)
            return peer is IngressControllerPeer && name == "ingress-controller";
        // A name copied from the output (ns/name[Kind]) names that workload, kind included.
        if (name.EndsWith(']'))
            return peer.ToString() == name;
        var slash = name.IndexOf('/');
        return slash < 0 ? own == name : peer.Namespace == name[..slash] && own == name[(slash + 1)..];
    }
}
