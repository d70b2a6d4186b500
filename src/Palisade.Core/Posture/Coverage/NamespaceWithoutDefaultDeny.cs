using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.Coverage;

/// <summary>
/// A namespace that has policies but none selecting all its pods for a direction: pods added later stay open.
/// Namespaces without any policy are PAL101's; a namespace where some workload is open in that direction is
/// reported through that workload (PAL104, PAL105), the same cause seen where it has effect.
/// </summary>
public sealed class NamespaceWithoutDefaultDeny(PolicyDirection direction) : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = direction == PolicyDirection.Ingress
        ? new("PAL102", "namespace-without-default-deny-ingress", "Namespace has no default-deny ingress policy", Severity.Medium, "coverage",
            "No policy with an empty podSelector isolates the namespace for ingress, so any pod not picked by a per-app policy, including pods added later, accepts traffic from anywhere.")
        {
            References = [References.CisNetworkPolicies, References.NsaNetworkPolicies, References.KubescapeIngressEgressBlocked],
        }
        : new("PAL103", "namespace-without-default-deny-egress", "Namespace has no default-deny egress policy", Severity.Low, "coverage",
            "No policy with an empty podSelector isolates the namespace for egress, so any pod not picked by a per-app policy can connect anywhere, including the internet and the cloud metadata service.")
        {
            References = [References.NsaNetworkPolicies, References.KubescapeIngressEgressBlocked],
        };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var policies = context.Network.NetworkPolicies.ToLookup(p => p.Namespace);
        var withOpenWorkload = context.Workloads()
            .Where(w => !context.Unchanged(w.Pod.Namespace) && context.Engine.IsSubjectToPolicies(w.Pod) && context.IsOpen(w, direction))
            .Select(w => w.Pod.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in context.Network.Namespaces.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (context.Unchanged(ns.Name))
                continue;
            var inNamespace = policies[ns.Name].ToArray();
            if (inNamespace.Length == 0 || context.Network.PodsIn(ns.Name).Count == 0 || withOpenWorkload.Contains(ns.Name))
                continue;
            if (inNamespace.Any(p => p.PodSelector.IsEmpty && p.Affects(direction)))
                continue;
            var fix = context.Lockdown(ns.Name, direction == PolicyDirection.Ingress, direction == PolicyDirection.Egress);
            var word = direction == PolicyDirection.Ingress ? "ingress" : "egress";
            yield return new Finding(Info, PostureContext.Ref(ns),
                $"namespace {ns.Name} has {inNamespace.Length} NetworkPolicy(ies) but none selects every pod for {word}: pods added later are open",
                $"Add a policy with podSelector: {{}} and policyTypes: [{(direction == PolicyDirection.Ingress ? "Ingress" : "Egress")}], then allow the expected {word} per app.")
            {
                Fix = fix?.Text,
                FixChange = fix?.Change,
            };
        }
    }
}
