using Palisade.Posture.Consequences;
using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// An ingress rule limited to some ports whose peer is every pod of every namespace
/// (<c>namespaceSelector: {}</c>): a common slip for "my namespace" or "the api namespace". Without a port
/// limit, PAL203 reports it instead.
/// </summary>
public sealed class IngressFromEveryNamespace : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL211", "ingress-from-every-namespace", "Ingress admits every namespace", Severity.Low, "policy-quality",
        "An empty namespaceSelector matches every namespace, so the rule admits every pod in the cluster on its ports, including namespaces created later; name the namespaces (kubernetes.io/metadata.name) and pods that need access.")
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
            if (!policy.AffectsIngress)
                continue;
            foreach (var rule in policy.Ingress)
            {
                if (rule.Ports.Count == 0)
                    continue;
                for (var i = 0; i < rule.Peers.Count; i++)
                {
                    if (rule.Peers[i] is not SelectorPeer peer || !RuleBreadth.IsEveryPod(peer))
                        continue;
                    var field = $"{rule.Path}.from[{i}]";
                    yield return new Finding(Info, PostureContext.Ref(policy),
                        $"{field}: namespaceSelector {{}} admits every pod of every namespace on {string.Join(", ", rule.Ports)}",
                        "Select the client namespaces by kubernetes.io/metadata.name and, in the same peer, the client pods by label.")
                    {
                        Field = field,
                    };
                }
            }
        }
    }
}
