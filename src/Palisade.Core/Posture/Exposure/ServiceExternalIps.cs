using Palisade.Findings;

namespace Palisade.Posture.Exposure;

/// <summary>
/// A Service with spec.externalIPs: traffic to those addresses is captured by kube-proxy on every node,
/// which also lets whoever can create Services intercept traffic to any address (CVE-2020-8554).
/// </summary>
public sealed class ServiceExternalIps : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL303", "service-external-ips", "Service uses externalIPs", Severity.High, "exposure",
        "spec.externalIPs makes every node capture traffic to the listed addresses; a user who can create Services can claim any address and intercept its traffic (CVE-2020-8554). Block the field with an admission policy unless it is needed.")
    {
        References = [References.Cve2020_8554, References.KubescapeExternalFacing],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var service in context.Network.Services)
        {
            if (service.ExternalIps.Count == 0)
                continue;
            yield return new Finding(Info, PostureContext.Ref(service),
                $"Service {service.Namespace}/{service.Name} claims externalIPs {string.Join(", ", service.ExternalIps)}, which every node intercepts",
                "Use a LoadBalancer or an Ingress instead, and deny spec.externalIPs cluster-wide (the DenyServiceExternalIPs admission plugin or a ValidatingAdmissionPolicy).")
            {
                Field = "spec.externalIPs",
            };
        }
    }
}
