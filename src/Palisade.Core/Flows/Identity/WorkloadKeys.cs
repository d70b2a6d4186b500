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

    /// <summary>
    /// The key of a workload given by name only (<c>ns/name[Kind]</c>, as alerts print it), or null when it is its own:
    /// a ReplicaSet whose name ends in a pod template hash (the characters Kubernetes encodes hashes with) and a Job
    /// named by its scheduled minute.
    /// </summary>
    public static string? OfName(string text)
    {
        var open = text.LastIndexOf('[');
        var slash = text.IndexOf('/');
        if (slash <= 0 || open <= slash + 1 || !text.EndsWith(']'))
            return null;
        var (ns, name, kind) = (text[..slash], text[(slash + 1)..open], text[(open + 1)..^1]);
        var suffix = kind switch
        {
            "ReplicaSet" => HashSuffix(name),
            "Job" => ScheduledSuffix(name),
            _ => 0,
        };
        return suffix == 0 ? null : new WorkloadRef(ns, name[..^(suffix + 1)], kind == "Job" ? "CronJob" : "Deployment").ToString();
    }

    /// <summary>The length of a trailing <c>-HASH</c> in the alphabet of Kubernetes' SafeEncodeString (no vowels, 0, 1 or 3), else 0.</summary>
    private static int HashSuffix(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || name.Length - dash - 1 is < 5 or > 10)
            return 0;
        for (var i = dash + 1; i < name.Length; i++)
        {
            if (!"bcdfghjklmnpqrstvwxz2456789".Contains(name[i], StringComparison.Ordinal))
                return 0;
        }
        return name.Length - dash - 1;
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
