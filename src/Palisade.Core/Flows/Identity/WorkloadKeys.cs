using Palisade.Model;

namespace Palisade.Flows.Identity;

/// <summary>
/// A pod's workload as a baseline keys it: the workload <c>connectivity</c> names, except that a ReplicaSet or Job
/// which a dump without controllers leaves as the top owner is named by the Deployment or CronJob that made it, since
/// each rollout and each scheduled run makes a new one (the pods' <c>pod-template-hash</c> ends the ReplicaSet's
/// name; a CronJob names its Jobs by the scheduled time in minutes).
/// </summary>
public static class WorkloadKeys
{
    /// <summary>The key of the pod's workload.</summary>
    public static string Of(Pod pod)
    {
        var owner = pod.Owner;
        if (owner.Kind == "ReplicaSet" && pod.Labels.TryGetValue("pod-template-hash", out var hash) && Suffixed(owner.Name, hash))
            return new WorkloadRef(owner.Namespace, owner.Name[..^(hash.Length + 1)], "Deployment").ToString();
        if (owner.Kind == "Job" && ScheduledSuffix(owner.Name) is > 0 and var length)
            return new WorkloadRef(owner.Namespace, owner.Name[..^(length + 1)], "CronJob").ToString();
        return owner.ToString();
    }

    private static bool Suffixed(string name, string suffix) =>
        suffix.Length > 0 && name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal) && name[^(suffix.Length + 1)] == '-';

    /// <summary>The length of a trailing <c>-MINUTES</c> (8 digits or more: minutes since 1970), else 0.</summary>
    public static int ScheduledSuffix(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || name.Length - dash - 1 < 8)
            return 0;
        for (var i = dash + 1; i < name.Length; i++)
        {
            if (!char.IsAsciiDigit(name[i]))
                return 0;
        }
        return name.Length - dash - 1;
    }
}
