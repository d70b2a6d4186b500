using Palisade.Findings;

namespace Palisade.Posture.Coverage;

/// <summary>A namespace with workloads and no NetworkPolicy: every pod in it accepts and sends anything.</summary>
public sealed class NamespaceWithoutPolicy : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL101", "namespace-without-policy", "Namespace has no NetworkPolicy", Severity.Medium, "coverage",
        "Without a NetworkPolicy every pod of the namespace accepts traffic from, and sends traffic to, any pod in the cluster and any address.")
    {
        References = [References.CisNetworkPolicies, References.NsaNetworkPolicies, References.KubescapeMissingNetworkPolicy, References.KubescapeInternalNetworking],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var withPolicy = context.Network.NetworkPolicies.Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
        var workloads = context.Network.Pods.GroupBy(p => p.Namespace).ToDictionary(g => g.Key, g => g.Select(p => p.Owner).Distinct().Count());
        foreach (var ns in context.Network.Namespaces.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (withPolicy.Contains(ns.Name) || !workloads.TryGetValue(ns.Name, out var count))
                continue;
            yield return new Finding(Info, PostureContext.Ref(ns),
                $"namespace {ns.Name} has {count} workload(s) and no NetworkPolicy, so they are reachable from every pod and address",
                $"Add a default-deny policy for the namespace, then allow each workload's expected traffic.")
            {
                Fix = FixManifests.DefaultDeny(ns.Name, ingress: true, egress: true),
            };
        }
    }
}
