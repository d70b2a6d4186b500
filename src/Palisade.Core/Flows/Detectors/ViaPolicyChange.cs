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
        var initially = Allows(context, 0, flow);
        if (initially == true)
            return;
        // Back to the last state that denied it. A state in which a pod of the flow and its workload did not exist (a pod
        // deleted and created again: a StatefulSet's, kubectl replace --force) cannot be judged and does not break the span.
        // A pod --cluster lacks (the log created it, nor its workload) is judged by the states in which it existed: denied
        // in one and allowed since, a write of the log opened the connection; allowed since its creation, none did.
        var opened = flow.State;
        var denied = initially == false;
        for (var state = flow.State - 1; state > 0; state--)
        {
            var allows = Allows(context, state, flow);
            if (allows == false)
            {
                denied = true;
                break;
            }
            if (allows == true)
                opened = state;
        }
        if (!denied)
            return;
        var cause = context.History.States[opened].Cause;
        var draft = context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port, cause);
        // A policy or namespace the log wrote without its body (Metadata level) is missing from the states after it, so
        // they allow what it may still deny: the alert stays (the connection passed after that write), but says the
        // change's effect is unknown rather than that it alone allowed the connection, as the audit rules do.
        for (var state = opened; state <= flow.State; state++)
        {
            foreach (var unknown in context.History.States[state].Unknown)
            {
                if (DecidesVerdicts(unknown))
                    draft.Details.Add(unknown);
            }
        }
    }

    /// <summary>
    /// Whether the state allows the flow; a pod of the flow the state lacks is judged as its workload's template then would
    /// have created it, so a pod created after a template change stands on that change, not on its controller's create.
    /// </summary>
    private static bool? Allows(FlowCheckContext context, int state, in JudgedFlow flow)
    {
        var judge = context.Judge(state);
        if (!judge.Holds(flow.Source) || !judge.Holds(flow.Destination))
            judge = context.TemplateJudge(state);
        return judge.TryAllows(flow.Source, flow.Destination, flow.Protocol, flow.Port);
    }

    private static bool DecidesVerdicts(string objectName) =>
        objectName.StartsWith("NetworkPolicy ", StringComparison.Ordinal) || objectName.StartsWith("AdminNetworkPolicy ", StringComparison.Ordinal)
        || objectName.StartsWith("BaselineAdminNetworkPolicy ", StringComparison.Ordinal) || objectName.StartsWith("ClusterNetworkPolicy ", StringComparison.Ordinal)
        || objectName.StartsWith("Namespace ", StringComparison.Ordinal);

    /// <inheritdoc />
    public string Describe(AlertDraft alert)
    {
        var flows = $"{Text.Connections(alert)} from {alert.Source} to {alert.Destination} ({Text.Ports(alert)}) {(alert.Count == 1 ? "was" : "were")}";
        // No user: a change the service's watch saw before (or without) its audit event.
        var change = alert.Cause is { } cause ? $"{cause.Verb} {cause.Object}{(cause.User.Length > 0 ? " by " + cause.User : "")} at {cause.Time:yyyy-MM-ddTHH:mm:ssZ}" : "a recorded change";
        return alert.Details.Count == 0
            ? $"{flows} allowed only because of {change}"
            : $"{flows} allowed after {change}, but the log recorded {string.Join(", ", alert.Details)} without its body: whether the change allowed {(alert.Count == 1 ? "it" : "them")} is unknown";
    }
}
