using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>The client ranges a LoadBalancer Service admits, and whether they admit anyone.</summary>
internal static class LoadBalancerSourceRanges
{
    private const string AwsInternal = "service.beta.kubernetes.io/aws-load-balancer-internal";

    private static readonly (string Key, string Value)[] InternalAnnotations =
    [
        ("networking.gke.io/load-balancer-type", "Internal"),
        ("cloud.google.com/load-balancer-type", "Internal"),
        ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
        ("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
        ("service.beta.kubernetes.io/oci-load-balancer-internal", "true"),
        ("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private"),
        ("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "intranet"),
    ];

    /// <summary>Whether the load balancer admits every address: no range, or one of a whole family (0.0.0.0/0, ::/0).</summary>
    public static bool AdmitsAnyone(ServiceInfo service, IReadOnlyDictionary<string, string>? annotations)
    {
        var (ranges, _) = LoadBalancerClients.Of(service, annotations);
        return ranges.Count == 0 || ranges.Any(IsEveryAddress);
    }

    /// <summary>Whether a cloud provider's annotation makes the load balancer internal: reachable from the private network only.</summary>
    public static bool IsInternal(IReadOnlyDictionary<string, string>? annotations) =>
        annotations is not null
        && (InternalAnnotations.Any(a => annotations.TryGetValue(a.Key, out var v) && string.Equals(v, a.Value, StringComparison.OrdinalIgnoreCase))
            || IsAwsInternal(annotations));

    // The in-tree AWS provider makes any value but "false" internal; its docs long showed "0.0.0.0/0", which charts still copy.
    private static bool IsAwsInternal(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(AwsInternal, out var value) && value.Trim().Length > 0 && !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the range is a whole address family: a source range that admits anyone.</summary>
    public static bool IsEveryAddress(string range) =>
        IpRange.TryParseCidr(range, out var parsed) && parsed == IpRange.All(parsed.Family);
}
