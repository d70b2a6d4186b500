using System.Net;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps a client Node into Core's: its InternalIP and ExternalIP addresses, its CNI's interface addresses and pod ranges.</summary>
internal static class NodeMapper
{
    public static NodeInfo Map(V1Node node, MappingContext context)
    {
        var addresses = (node.Status?.Addresses ?? [])
            .Where(a => a.Type is "InternalIP" or "ExternalIP")
            .Select(a => IPAddress.TryParse(a.Address, out var address) ? address : null)
            .OfType<IPAddress>()
            .Distinct()
            .ToArray();
        var cidrs = node.Spec?.PodCIDRs is { Count: > 0 } list ? list : node.Spec?.PodCIDR is { } one ? [one] : [];
        IpRange[] podCidrs = [.. cidrs.Select(c => IpRange.TryParseCidr(c, out var range) ? (IpRange?)range : null).OfType<IpRange>()];
        return new NodeInfo(context.Key.Name)
        {
            Addresses = addresses,
            InterfaceAddresses = NodeInterfaceAddresses.Of(node.Metadata?.Annotations, addresses, podCidrs),
            PodCidrs = podCidrs,
            Labels = LabelSet.From(node.Metadata?.Labels),
            Location = context.Locations.Object,
        };
    }
}
