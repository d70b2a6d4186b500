using System.Net;
using System.Net.Sockets;
using Palisade.Net;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// The addresses of a node's own interfaces that its CNI writes on the Node object (docs/detection.md, "Node interface
/// addresses"): traffic the node sends from a tunnel, router or bridge device carries them, not its InternalIP.
/// </summary>
internal static class NodeInterfaceAddresses
{
    /// <summary>
    /// Annotations holding one address of the node: Calico's tunnel devices (vxlan.calico, tunl0, wireguard.cali) and
    /// its BGP address (a CIDR: the address part counts), Cilium's router address on cilium_host (the current prefix
    /// and the older <c>io.cilium.network</c> one), and flannel's public address (the VTEP, its encapsulating interface's).
    /// </summary>
    private static readonly string[] Annotations =
    [
        "projectcalico.org/IPv4VXLANTunnelAddr",
        "projectcalico.org/IPv6VXLANTunnelAddr",
        "projectcalico.org/IPv4IPIPTunnelAddr",
        "projectcalico.org/IPv4WireguardInterfaceAddr",
        "projectcalico.org/IPv6WireguardInterfaceAddr",
        "projectcalico.org/IPv4Address",
        "projectcalico.org/IPv6Address",
        "network.cilium.io/ipv4-cilium-host",
        "network.cilium.io/ipv6-cilium-host",
        "io.cilium.network.ipv4-cilium-host",
        "io.cilium.network.ipv6-cilium-host",
        "flannel.alpha.coreos.com/public-ip",
        "flannel.alpha.coreos.com/public-ipv6",
    ];

    private const string FlannelPrefix = "flannel.alpha.coreos.com/";
    private const string CalicoPrefix = "projectcalico.org/";

    /// <summary>
    /// The node's interface addresses from its annotations, without those of <paramref name="known"/> (status.addresses).
    /// With flannel, also from each IPv4 pod range: its first address on flannel.1 (the VXLAN backend gives the device
    /// the range's network address, the source of host-to-pod traffic) and the next on cni0 (the bridge's gateway, which
    /// host-local IPAM never gives a pod), unless Calico runs the pods' interfaces (Canal: no bridge). A value that is
    /// no address is not one of the node's: the annotation is the CNI's, not the user's, and is left out.
    /// </summary>
    public static IReadOnlyList<IPAddress> Of(IDictionary<string, string>? annotations, IReadOnlyCollection<IPAddress> known, IReadOnlyList<IpRange> podCidrs)
    {
        if (annotations is null || annotations.Count == 0)
            return [];
        var found = new List<IPAddress>();
        foreach (var name in Annotations)
        {
            if (annotations.TryGetValue(name, out var value) && Parse(value) is { } address)
                found.Add(address);
        }
        if (annotations.Keys.Any(k => k.StartsWith(FlannelPrefix, StringComparison.Ordinal)))
        {
            var vxlan = annotations.TryGetValue(FlannelPrefix + "backend-type", out var backend) && backend == "vxlan";
            var bridge = !annotations.Keys.Any(k => k.StartsWith(CalicoPrefix, StringComparison.Ordinal));
            foreach (var range in podCidrs.Where(r => r.Family == AddressFamily.InterNetwork && r.End - r.Start >= 3))
            {
                if (vxlan)
                    found.Add(IpRange.ToAddress(range.Family, range.Start));
                if (bridge)
                    found.Add(IpRange.ToAddress(range.Family, range.Start + 1));
            }
        }
        return [.. found.Distinct().Where(a => !known.Contains(a))];
    }

    /// <summary>An address, or a CIDR's address part (Calico's BGP address is written <c>192.0.2.5/24</c>).</summary>
    private static IPAddress? Parse(string? value)
    {
        var text = value?.Trim() ?? "";
        var slash = text.IndexOf('/');
        if (slash >= 0)
            text = text[..slash];
        return IpRange.TryParseAddress(text, out var address) ? address : null;
    }
}
