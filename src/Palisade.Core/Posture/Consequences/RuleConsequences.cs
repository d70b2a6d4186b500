using Palisade.Policy;

namespace Palisade.Posture.Consequences;

/// <summary>What the workloads a policy selects reach through one of its egress rules.</summary>
internal static class RuleConsequences
{
    /// <summary>The consequences this very rule admits, over the workloads its policy isolates for egress.</summary>
    public static Consequence[] Of(PostureContext context, NetworkPolicy policy, PolicyRule rule) =>
        Selected(context, policy).SelectMany(context.Consequences).Where(c => !c.Open && c.AdmittedBy(rule)).ToArray();

    /// <summary>": the selected pods (a, b) can reach X and Y", or nothing when the rule admits no consequence.</summary>
    public static string Describe(PostureContext context, NetworkPolicy policy, IReadOnlyCollection<Consequence> consequences)
    {
        if (consequences.Count == 0)
            return "";
        var names = Selected(context, policy).Select(p => p.Pod.Owner.Name).Distinct().ToArray();
        var who = names.Length <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Length - 3} more";
        return $": its pods ({who}) can reach {Consequence.List(consequences)}";
    }

    private static IEnumerable<Connectivity.PodEndpoint> Selected(PostureContext context, NetworkPolicy policy) =>
        context.Workloads().Where(w => context.Engine.PoliciesSelecting(w, PolicyDirection.Egress).Contains(policy));
}
