using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// An egress rule to 0.0.0.0/0 or ::/0 limited to some ports (without a port limit, PAL204 reports it):
/// the pods can reach any internet host on those ports, a ready exfiltration path.
/// </summary>
public sealed class EgressToAnyAddress : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL205", "egress-to-any-address", "Egress to any address", Severity.Low, "policy-quality",
        "An egress ipBlock of 0.0.0.0/0 or ::/0 lets the pods reach every internet host on the rule's ports, which serves exfiltration and command-and-control; name the external ranges or route through an egress gateway.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Network.NetworkPolicies)
        {
            if (!policy.AffectsEgress)
                continue;
            foreach (var rule in policy.Egress)
            {
                if (rule.Ports.Count == 0)
                    continue;
                for (var i = 0; i < rule.Peers.Count; i++)
                {
                    if (rule.Peers[i] is not IpBlockPeer block || !Selection.IsWholeFamily(block))
                        continue;
                    var field = $"{rule.Path}.to[{i}]";
                    yield return new Finding(Info, PostureContext.Ref(policy),
                        $"{field}: {block} on {string.Join(", ", rule.Ports)} reaches every external host",
                        "Limit the ipBlock to the external services' ranges, or send the traffic through an egress proxy or gateway.")
                    {
                        Field = field,
                    };
                }
            }
        }
    }
}
