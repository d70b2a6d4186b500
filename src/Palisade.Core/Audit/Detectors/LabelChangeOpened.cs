using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>label-change-opened</c>: a change of a Namespace's or a Pod's labels, by anyone, that opened connections:
/// labels are what policies select on, so relabelling can open what no policy change did.
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
            || write.Key.Kind is not ("Namespace" or "Pod") || Bodies.Labels(before) == Bodies.Labels(after))
            return;
        if (context.ChangeOf(request) is not { Opened.Count: > 0 } change)
            return;
        context.Raise(this, request,
            $"{request.Event.User.Username} changed the labels of {request.ObjectText} ({Bodies.Labels(before)} → {Bodies.Labels(after)}); it opened {change.Opened.Count} connection{(change.Opened.Count == 1 ? "" : "s")}",
            change.Opened);
    }
}
