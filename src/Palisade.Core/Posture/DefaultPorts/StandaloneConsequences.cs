using Palisade.Connectivity;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// The egress consequences the default-ports checks (PAL402, PAL403) report as their own: those of workloads off the
/// host network (PAL305 is that cause) in a namespace the run judges, through a rule that is not a cause reported
/// elsewhere. Both checks must draw the same line, so it is drawn here.
/// </summary>
internal static class StandaloneConsequences
{
    /// <summary>Each workload with each of its standalone consequences, in workload order.</summary>
    public static IEnumerable<(PodEndpoint Pod, Consequence Consequence)> Of(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            if (pod.Pod.HostNetwork || context.Unchanged(pod.Pod.Namespace))
                continue;
            foreach (var consequence in context.Consequences(pod))
            {
                if (consequence.Standalone)
                    yield return (pod, consequence);
            }
        }
    }

    /// <summary>The rules that admit a consequence, or the cluster-scoped tier when none does.</summary>
    public static string Rules(Consequence consequence) =>
        consequence.Admitting.Count == 0
            ? "a cluster-scoped policy"
            : string.Join(", ", consequence.Admitting.Select(m => $"NetworkPolicy {m.Policy.Namespace}/{m.Policy.Name} {m.Rule.Path}").Distinct());
}
