namespace Palisade.Labels;

/// <summary>Labels controllers set on pods themselves, per revision, per pod or per run. Thread-safe (immutable).</summary>
public static class ControllerLabels
{
    /// <summary>The keys a selector must leave out: a selector holding them would miss the next rollout or run.</summary>
    public static readonly IReadOnlySet<string> Unstable = new HashSet<string>(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "pod-template-generation", "statefulset.kubernetes.io/pod-name",
        "apps.kubernetes.io/pod-index", "controller-uid", "batch.kubernetes.io/controller-uid", "job-name",
        "batch.kubernetes.io/job-name", "batch.kubernetes.io/job-completion-index",
    };
}
