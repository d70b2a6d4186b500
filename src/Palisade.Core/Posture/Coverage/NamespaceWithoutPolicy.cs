using Palisade.Findings;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.Coverage;

/// <summary>
/// A namespace with workloads and no NetworkPolicy: every pod in it accepts and sends anything. It is the one
/// cause of what its workloads then reach, so the finding lists those consequences (with the severity of the
/// worst) instead of a finding per workload and consequence.
/// </summary>
public sealed class NamespaceWithoutPolicy : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL101", "namespace-without-policy", "Namespace has no NetworkPolicy", Severity.Medium, "coverage",
        "Without a NetworkPolicy every pod of the namespace accepts traffic from, and sends traffic to, any pod in the cluster and any address. The finding lists what the namespace's workloads reach; its severity is that of the worst (high for the cloud metadata service).")
    {
        References = [References.CisNetworkPolicies, References.NsaNetworkPolicies, References.KubescapeMissingNetworkPolicy, References.KubescapeInternalNetworking],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var withPolicy = context.Network.NetworkPolicies.Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
        var workloads = context.Workloads().ToLookup(w => w.Pod.Namespace);
        foreach (var ns in context.Network.Namespaces.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (context.Unchanged(ns.Name))
                continue;
            // hostNetwork workloads are PAL305's: no NetworkPolicy of the namespace would isolate them.
            var members = workloads[ns.Name].Where(w => context.Engine.IsSubjectToPolicies(w.Pod)).ToArray();
            if (withPolicy.Contains(ns.Name) || members.Length == 0)
                continue;
            var consequences = members.SelectMany(context.Consequences).Where(c => c.Open).ToArray();
            var fix = context.Lockdown(ns.Name, ingress: true, egress: true);
            var reach = consequences.Length == 0 ? "" : $", and they can reach {Consequence.List(consequences)}";
            yield return new Finding(Info, PostureContext.Ref(ns),
                $"namespace {ns.Name} has {members.Length} workload(s) and no NetworkPolicy: every pod and address can connect to them{reach}",
                $"Add a default-deny policy for the namespace, then allow each workload's expected traffic.{Fixes.Remedies.SystemWarning(ns.Name)}")
            {
                Fix = fix?.Text,
                FixChange = fix?.Change,
                Severity = Consequence.Worst(consequences, Info.Severity),
            };
        }
    }
}
