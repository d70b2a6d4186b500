using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>label-change-opened</c>: a change of a Namespace's or a Pod's labels, or of the pod template labels of a workload
/// (the labels its pods carry), by anyone, that opened connections: labels are what policies select on, so relabelling
/// can open what no policy change did.
/// </summary>
public sealed class LabelChangeOpened : IAuditRule
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL902", "label-change-opened", "Label change that opened connections", Severity.High, "audit",
            "Policies select pods and namespaces by label; relabelling one can put it under rules that admit traffic it was not meant to get or send."),
        ["T1562.007"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        if (request.Write is not { BeforeKnown: true, AfterKnown: true, Before: { } before, After: { } after } write
            || !LabelPaths.TryGetValue(write.Key.Kind, out var path))
            return;
        // The API server sets a namespace's name label, which a dump may leave out: it is no change.
        var leaveOut = write.Key.Kind == "Namespace" ? "kubernetes.io/metadata.name" : null;
        var (was, now) = (Bodies.Labels(before, path, leaveOut), Bodies.Labels(after, path, leaveOut));
        if (was == now || context.ChangeOf(request) is not { Opened.Count: > 0 } change)
            return;
        var what = path.Length == 2 ? "labels" : "pod template labels";
        context.Raise(this, request,
            $"{request.Event.Actor} changed the {what} of {request.ObjectText} ({was} → {now}); it opened {change.Opened.Count} connection{(change.Opened.Count == 1 ? "" : "s")}{change.UnknownClause}",
            change.Opened);
    }

    /// <summary>Where the labels policies select on are, by kind: a Namespace's or Pod's own, a workload's pod template's.</summary>
    private static readonly Dictionary<string, string[]> LabelPaths = new(
        Bodies.PodTemplate.Select(t => KeyValuePair.Create(t.Key, (string[])[.. t.Value, "metadata", "labels"]))
            .Append(KeyValuePair.Create("Namespace", (string[])["metadata", "labels"]))
            .Append(KeyValuePair.Create("Pod", (string[])["metadata", "labels"])),
        StringComparer.Ordinal);
}
