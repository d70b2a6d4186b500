using Palisade.Findings;
using Palisade.Policy;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// An egress rule to 0.0.0.0/0 or ::/0 limited to some ports (without a port limit, PAL204 reports it):
/// the pods can reach any internet host on those ports, a ready exfiltration path. The finding lists what
/// the selected pods reach through it, with the severity of the worst.
/// </summary>
public sealed class EgressToAnyAddress : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL205", "egress-to-any-address", "Egress to any address", Severity.Low, "policy-quality",
        "An egress ipBlock of 0.0.0.0/0 or ::/0 lets the pods reach every internet host on the rule's ports, which serves exfiltration and command-and-control; name the external ranges or route through an egress gateway. When the ports include the metadata service's or Kubernetes components', the finding says so and its severity rises.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Network.NetworkPolicies)
        {
            if (context.Unchanged(policy.Namespace))
                continue;
            if (!policy.AffectsEgress)
                continue;
            foreach (var rule in policy.Egress)
            {
                foreach (var (block, i) in RuleBreadth.AnyAddress(rule))
                {
                    var consequences = RuleConsequences.Of(context, policy, rule);
                    var field = $"{rule.Path}.to[{i}]";
                    yield return new Finding(Info, PostureContext.Ref(policy),
                        $"{field}: {block} on {string.Join(", ", rule.Ports)} reaches every external host{RuleConsequences.Describe(context, policy, consequences)}",
                        "Limit the ipBlock to the external services' ranges, or send the traffic through an egress proxy or gateway.")
                    {
                        Field = field,
                        Severity = Consequence.Worst(consequences, Info.Severity),
                    };
                }
            }
        }
    }
}
