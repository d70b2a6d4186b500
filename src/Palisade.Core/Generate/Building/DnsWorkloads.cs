using Palisade.Generate.Traffic;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>
/// Finds the cluster's DNS pods, whose labels the DNS rules select (never a guess at labels that may not exist):
/// the pods selected by the Services of kube-system serving port 53 (kube-dns, CoreDNS); else the kube-system pods
/// labelled as kube-dns or CoreDNS (<see cref="Posture.Fixes.DnsServers.LabelOf"/>, as lint's fixes recognise them); else the workloads the traffic shows answering on UDP 53. hostNetwork pods are
/// left out: pod selectors never match them.
/// </summary>
public static class DnsWorkloads
{
    private const string KubeSystem = "kube-system";

    /// <summary>The DNS workloads, sorted; empty when the cluster shows none.</summary>
    public static IReadOnlyList<WorkloadRef> Find(NetworkSnapshot snapshot, IEnumerable<ObservedEdge> edges)
    {
        var pods = snapshot.Pods.Where(p => !p.HostNetwork).ToArray();
        var services = snapshot.Services.Where(s => s.Namespace == KubeSystem && s.Ports.Any(p => p.Port == 53)).ToArray();
        var found = pods.Where(p => services.Any(s => s.Selects(p))).Select(p => p.Owner).ToHashSet();
        if (found.Count == 0)
            found = pods.Where(p => p.Namespace == KubeSystem && Posture.Fixes.DnsServers.LabelOf(p) is not null).Select(p => p.Owner).ToHashSet();
        if (found.Count == 0)
        {
            var owners = pods.Select(p => p.Owner).ToHashSet();
            found = edges.Where(e => e.Protocol == Protocol.Udp && e.Port == 53 && e.Destination.Kind == EndKind.Workload && owners.Contains(e.Destination.Workload!))
                .Select(e => e.Destination.Workload!).ToHashSet();
        }
        return [.. found.Order()];
    }
}
