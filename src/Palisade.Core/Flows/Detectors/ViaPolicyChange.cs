using Palisade.Findings;
using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>via-policy-change</c> (with an audit log): connections delivered that the state in force at the time
/// allows but the initial state (<c>--cluster</c>) denies, attributed to the write after which the connection
/// became and stayed allowed. Such flows are not enforcement gaps: a recorded change opened them.
/// </summary>
public sealed class ViaPolicyChange : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL810", "via-policy-change", "Connections opened by a recorded change", Severity.High, "flows",
            "Traffic flowed that the original policies denied, because of a change to the network controls recorded in the audit log."),
        ["T1562.007"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.State == 0 || !flow.Delivered || !flow.PolicyAllows)
            return;
        if (context.Judge(0).TryAllows(flow.Source, flow.Destination, flow.Protocol, flow.Port) != false)
            return;
        var opened = flow.State;
        while (opened > 1 && context.Judge(opened - 1).TryAllows(flow.Source, flow.Destination, flow.Protocol, flow.Port) == true)
            opened--;
        var cause = context.History.States[opened].Cause;
        context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port, cause);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => alert.Cause is { } cause
        ? $"{Text.Connections(alert)} from {alert.Source} to {alert.Destination} ({Text.Ports(alert)}) {(alert.Count == 1 ? "was" : "were")} allowed only because of {cause.Verb} {cause.Object} by {cause.User} at {cause.Time:yyyy-MM-ddTHH:mm:ssZ}"
        : $"{Text.Connections(alert)} from {alert.Source} to {alert.Destination} ({Text.Ports(alert)}) {(alert.Count == 1 ? "was" : "were")} allowed only because of a recorded change";
}
