using System.Net;
using Palisade.Connectivity;
using Palisade.Net;
using Palisade.Findings;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A workload that can connect to the cloud instance metadata address, where node credentials are served.
/// hostNetwork workloads are included: no pod policy can stop them.
/// </summary>
public sealed class MetadataEndpointReachable : IPostureCheck
{
    /// <summary>The link-local metadata address of AWS, GCP, Azure and most other clouds.</summary>
    public static readonly IPAddress Address = IPAddress.Parse("169.254.169.254");

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL403", "metadata-endpoint-reachable", "Workload can reach the cloud metadata service", Severity.High, "default-ports",
        "The instance metadata service at 169.254.169.254 hands out the node's cloud credentials; a pod that reaches it can often take over cloud resources beyond the cluster.")
    {
        References = [References.KubescapeMetadataApi, References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var metadata = new ExternalEndpoint(IpRange.Single(Address));
        foreach (var pod in context.Workloads())
        {
            var allowed = context.Engine.Allowed(pod, metadata);
            if (allowed.IsEmpty)
                continue;
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} can connect to 169.254.169.254 ({allowed}){(pod.Pod.HostNetwork ? "; it is on the host network, so only the node's own firewall can stop it" : "")}",
                "Isolate the workload for egress and exclude 169.254.169.254/32 from every ipBlock (except), or block the address on the nodes (IMDSv2 with hop limit 1, GKE metadata concealment).");
        }
    }
}
