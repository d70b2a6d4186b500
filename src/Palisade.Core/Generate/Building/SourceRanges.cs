using System.Net;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>
/// The client ranges a LoadBalancer Service admits (spec.loadBalancerSourceRanges, else the annotation), canonical, and
/// why they are its clients.
/// </summary>
internal sealed record SourceRanges(IReadOnlyList<IpRange> Ranges, IReadOnlyList<string> Cidrs, string Reason)
{
    /// <summary>The Service's ranges; null when it has none or one of a whole family, which admits anyone.</summary>
    public static SourceRanges? Of(ServiceInfo service, ObjectIndex objects)
    {
        var (written, field) = LoadBalancerClients.Of(service, objects);
        var ranges = new List<IpRange>();
        foreach (var text in written)
        {
            if (!IpRange.TryParseCidr(text.Trim(), out var range) || range == IpRange.All(range.Family))
                return null;
            ranges.Add(range);
        }
        if (ranges.Count == 0)
            return null;
        return new SourceRanges(ranges, [.. ranges.Select(CidrAggregator.Cidr).Distinct().Order(StringComparer.Ordinal)],
            $"Service {service.Namespace}/{service.Name} is of type LoadBalancer with {(field == "metadata.annotations" ? "the annotation " + LoadBalancerClients.Annotation : "loadBalancerSourceRanges")} {string.Join(", ", written)}");
    }

    /// <summary>Whether one of the ranges holds the address.</summary>
    public bool Holds(IPAddress address) => Ranges.Any(r => r.Contains(address));
}
