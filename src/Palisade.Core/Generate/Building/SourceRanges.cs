using System.Net;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>The client ranges a LoadBalancer Service admits (spec.loadBalancerSourceRanges), canonical, and why they are its clients.</summary>
internal sealed record SourceRanges(IReadOnlyList<IpRange> Ranges, IReadOnlyList<string> Cidrs, string Reason)
{
    /// <summary>The Service's ranges; null when it has none or one of a whole family, which admits anyone.</summary>
    public static SourceRanges? Of(ServiceInfo service)
    {
        var ranges = new List<IpRange>();
        foreach (var text in service.LoadBalancerSourceRanges)
        {
            if (!IpRange.TryParseCidr(text.Trim(), out var range) || range == IpRange.All(range.Family))
                return null;
            ranges.Add(range);
        }
        if (ranges.Count == 0)
            return null;
        return new SourceRanges(ranges, [.. ranges.Select(CidrAggregator.Cidr).Distinct().Order(StringComparer.Ordinal)],
            $"Service {service.Namespace}/{service.Name} is of type LoadBalancer with loadBalancerSourceRanges {string.Join(", ", service.LoadBalancerSourceRanges)}");
    }

    /// <summary>Whether one of the ranges holds the address.</summary>
    public bool Holds(IPAddress address) => Ranges.Any(r => r.Contains(address));
}
