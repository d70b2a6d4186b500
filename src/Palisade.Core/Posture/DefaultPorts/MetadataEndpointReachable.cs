using Palisade.Findings;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A workload that can open TCP 80 at the cloud instance metadata address, where node credentials are served,
/// through a rule that is not a cause reported elsewhere (an open side: PAL101, PAL105; a broad rule: PAL204,
/// PAL205; the host network: PAL305).
/// </summary>
public sealed class MetadataEndpointReachable : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL403", "metadata-endpoint-reachable", "Workload can reach the cloud metadata service", Severity.High, "default-ports",
        "The instance metadata service at 169.254.169.254 hands out the node's cloud credentials; a pod that reaches it can often take over cloud resources beyond the cluster.")
    {
        References = [References.KubescapeMetadataApi, References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var (pod, consequence) in StandaloneConsequences.Of(context))
        {
            if (consequence.Kind != ConsequenceKind.MetadataService)
                continue;
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} can connect to 169.254.169.254 on TCP {EgressConsequences.MetadataPort} through {StandaloneConsequences.Rules(consequence)}",
                "Exclude 169.254.169.254/32 from the rule's ipBlock (except), or block the address on the nodes (IMDSv2 with hop limit 1, GKE metadata concealment).");
        }
    }
}
