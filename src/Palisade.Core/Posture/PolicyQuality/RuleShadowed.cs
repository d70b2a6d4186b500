using Palisade.Posture.Consequences;
using Palisade.Findings;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A rule that another rule of the same policy and direction covers entirely: every peer and port it
/// admits, the other admits too, for any cluster (decided on the rules' text, not on the pods present).
/// Of two identical rules the later is reported.
/// </summary>
public sealed class RuleShadowed : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL208", "rule-shadowed", "Rule is shadowed by another rule", Severity.Info, "policy-quality",
        "Another rule of the policy already admits everything this rule admits; the rule is dead weight, and often a sign that the broader rule is broader than intended.")
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
            foreach (var rules in new[] { policy.Ingress, policy.Egress })
            {
                for (var j = 0; j < rules.Count; j++)
                {
                    for (var i = 0; i < rules.Count; i++)
                    {
                        if (i == j || !Covers(rules[i], rules[j]) || Covers(rules[j], rules[i]) && i > j)
                            continue;
                        yield return new Finding(Info, PostureContext.Ref(policy),
                            $"{rules[j].Path} admits nothing that {rules[i].Path} does not already admit",
                            "Delete the redundant rule, or narrow the broader one if it admits more than intended.")
                        {
                            Field = rules[j].Path,
                        };
                        break;
                    }
                }
            }
        }
    }

    private static bool Covers(PolicyRule wide, PolicyRule narrow) =>
        PortsCover(wide.Ports, narrow.Ports) && PeersCover(wide.Peers, narrow.Peers);

    private static bool PortsCover(IReadOnlyList<PolicyPort> wide, IReadOnlyList<PolicyPort> narrow)
    {
        if (wide.Count == 0)
            return true;
        if (narrow.Count == 0)
            return false;
        var numeric = ConnectionSet.None;
        foreach (var port in wide)
        {
            if (port.Name is null)
                numeric = numeric.Union(port.Resolve([]));
        }
        foreach (var port in narrow)
        {
            var covered = port.Name is null
                ? port.Resolve([]).Except(numeric).IsEmpty
                : wide.Any(w => w.Name == port.Name && w.Protocol == port.Protocol);
            if (!covered)
                return false;
        }
        return true;
    }

    private static bool PeersCover(IReadOnlyList<PolicyPeer> wide, IReadOnlyList<PolicyPeer> narrow)
    {
        if (wide.Count == 0)
            return true;
        if (narrow.Count == 0)
            return false;
        return narrow.All(n => wide.Any(w => PeerCovers(w, n)));
    }

    private static bool PeerCovers(PolicyPeer wide, PolicyPeer narrow) => (wide, narrow) switch
    {
        (IpBlockPeer w, IpBlockPeer n) => n.Addresses.Except(w.Addresses).IsEmpty,
        (SelectorPeer w, SelectorPeer n) when w.Equals(n) => true,
        (SelectorPeer w, SelectorPeer) when RuleBreadth.IsEveryPod(w) => true,
        (SelectorPeer { NamespaceSelector: null } w, SelectorPeer { NamespaceSelector: null }) => w.PodSelector is null || w.PodSelector.IsEmpty,
        _ => false,
    };
}
