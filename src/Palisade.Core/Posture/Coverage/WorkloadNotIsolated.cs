using Palisade.Findings;
using Palisade.Policy;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.Coverage;

/// <summary>
/// A workload that no policy of any tier governs in a direction, in a namespace that has policies (where
/// the namespace has none, PAL101 reports the namespace instead of every workload in it). For egress, the
/// finding is the cause of everything the workload reaches and lists it, with the severity of the worst.
/// </summary>
public sealed class WorkloadNotIsolated(PolicyDirection direction) : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = direction == PolicyDirection.Ingress
        ? new("PAL104", "workload-not-isolated-ingress", "Workload accepts traffic from anywhere", Severity.Medium, "coverage",
            "No NetworkPolicy selects the workload for ingress and no cluster-scoped policy applies, so every pod and address can connect to it on every port.")
        {
            References = [References.CisNetworkPolicies, References.NsaNetworkPolicies, References.KubescapeIngressEgressBlocked],
        }
        : new("PAL105", "workload-not-isolated-egress", "Workload can connect anywhere", Severity.Medium, "coverage",
            "No NetworkPolicy selects the workload for egress and no cluster-scoped policy applies, so a compromised pod can reach every pod, the control plane and the internet. The finding lists what the workload reaches; its severity is that of the worst (high for the cloud metadata service).")
        {
            References = [References.NsaNetworkPolicies, References.KubescapeIngressEgressBlocked],
        };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var withPolicy = context.Network.NetworkPolicies.Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
        var word = direction == PolicyDirection.Ingress ? "ingress" : "egress";
        foreach (var pod in context.Workloads())
        {
            if (context.Unchanged(pod.Pod.Namespace) || !withPolicy.Contains(pod.Pod.Namespace) || !context.Engine.IsSubjectToPolicies(pod.Pod))
                continue;
            if (!context.IsOpen(pod, direction))
                continue;
            var fix = context.Lockdown(pod.Pod.Namespace, direction == PolicyDirection.Ingress, direction == PolicyDirection.Egress);
            var consequences = direction == PolicyDirection.Egress ? context.Consequences(pod).Where(c => c.Open).ToArray() : [];
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                direction == PolicyDirection.Ingress
                    ? $"{pod.Pod.Owner} is selected by no NetworkPolicy for ingress: all ingress traffic is allowed"
                    : $"{pod.Pod.Owner} is selected by no NetworkPolicy for egress: it can reach {Consequence.List(consequences)}",
                $"Select it with a policy that has {(direction == PolicyDirection.Ingress ? "Ingress" : "Egress")} in policyTypes and allows only its expected peers and ports (or add a namespace default deny).{Fixes.Remedies.SystemWarning(pod.Pod.Namespace)}")
            {
                Fix = fix?.Text,
                FixChange = fix?.Change,
                Severity = Consequence.Worst(consequences, Info.Severity),
            };
        }
    }
}
