using Palisade.Findings;
using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>denied-attempt</c>: connections the policy dropped, or, for records without a verdict, that the policy in
/// force denies. The alert names the policies that isolate the side that denies, default denies included,
/// which the data plane's own logs cannot.
/// </summary>
public sealed class DeniedAttempt : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL801", "denied-attempt", "Connection attempts denied by policy", Severity.Medium, "flows",
            "Something tried to open connections the network policies forbid: a misconfigured client, or an intruder probing from a foothold."),
        ["T1046", "T1021"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Outcome != FlowOutcome.DroppedByPolicy && (flow.Outcome != FlowOutcome.Unknown || flow.PolicyAllows))
            return;
        // An L7 request the proxy refused (a toFQDNs rule, an HTTP rule) follows its connection's forwarded packets to the
        // proxy: the connection is counted at its first L7 request.
        var names = AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name);
        if (flow.IsL7)
            context.Alerts.Raise(this, flow.CountedByL7(), context, names, flow.Port);
        else
            context.Alerts.Raise(this, flow, context, names, flow.Port);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} attempted {Text.Connections(alert)} to {alert.Destination} ({Text.Ports(alert)}), denied by {Text.Policies(alert)}";
}
