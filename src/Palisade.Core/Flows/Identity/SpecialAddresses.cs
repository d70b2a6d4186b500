using Palisade.Net;

namespace Palisade.Flows.Identity;

/// <summary>
/// The address ranges that are not public: RFC 1918, shared address space (100.64/10), loopback, link-local,
/// multicast, and their IPv6 counterparts (::1, fe80::/10, fc00::/7, ff00::/8). Every other address counts as
/// public, documentation and other special-purpose ranges included, as the detection contract says.
/// </summary>
public static class SpecialAddresses
{
    private static readonly string[] Unicast =
    [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "::1/128", "fe80::/10", "fc00::/7",
    ];

    private static readonly IpSet NotPublic = IpSet.Of(Unicast.Concat(["224.0.0.0/4", "ff00::/8"]).Select(Cidr));

    /// <summary>
    /// The non-public unicast ranges, whose reverse zones resolvers serve themselves (RFC 6303 and RFC 7793): private,
    /// shared, loopback, link-local and unique local.
    /// </summary>
    public static readonly IpSet LocallyServed = IpSet.Of(Unicast.Select(Cidr));

    /// <summary>The cloud instance metadata addresses (AWS, GCP, Azure share the IPv4 one; AWS's IPv6 one).</summary>
    public static readonly IpSet Metadata = IpSet.Of([Cidr("169.254.169.254/32"), Cidr("fd00:ec2::254/128")]);

    /// <summary>Whether the address lies outside every non-public range (the cluster's own addresses are checked by the caller).</summary>
    public static bool IsPublic(AddressKey address) => !NotPublic.Contains(address.Range);

    /// <summary>Whether the address is a cloud metadata service.</summary>
    public static bool IsMetadata(AddressKey address) => Metadata.Contains(address.Range);

    private static IpRange Cidr(string text) =>
        IpRange.TryParseCidr(text, out var range) ? range : throw new InvalidOperationException(text);
}
