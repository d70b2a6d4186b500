using Palisade.Model;

namespace Palisade.Flows.Identity;

/// <summary>
/// A pod's workload as a baseline keys it: the workload <c>connectivity</c> names, except that a ReplicaSet or Job
/// which a dump without controllers leaves as the top owner is named by the Deployment or CronJob that made it
/// (<see cref="ControllerNaming"/>), since each rollout and each scheduled run makes a new one. Stateless and thread-safe.
/// </summary>
public static class WorkloadKeys
{
    /// <summary>The key of the pod's workload.</summary>
    public static string Of(Pod pod)
    {
        var hash = pod.Labels.TryGetValue("pod-template-hash", out var label) ? label : null;
        return (ControllerNaming.MakerOf(pod.Owner, hash) ?? pod.Owner).ToString();
    }

    /// <summary>
    /// The key of a workload given by name only (<c>ns/name[Kind]</c>, as alerts print it), or null when it is its own:
    /// a ReplicaSet whose name ends in a pod template hash and a Job named by its scheduled minute.
    /// </summary>
    public static string? OfName(string text)
    {
        var open = text.LastIndexOf('[');
        var slash = text.IndexOf('/');
        if (slash <= 0 || open <= slash + 1 || !text.EndsWith(']'))
            return null;
        return ControllerNaming.MakerOf(new WorkloadRef(text[..slash], text[(slash + 1)..open], text[(open + 1)..^1]))?.ToString();
    }
}
