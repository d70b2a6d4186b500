using Palisade.Findings;
using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>internet-egress</c>: a pod connecting to a public address (outside the private, shared, loopback,
/// link-local and multicast ranges and the cluster's own pod, Service and node addresses).
/// </summary>
public sealed class InternetEgress : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL805", "internet-egress", "Pod traffic to the internet", Severity.Medium, "flows",
            "A pod talked to a public address: exfiltration, command and control, or a dependency nobody declared."),
        ["T1041", "T1071"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Source.IsPod && context.Resolver.IsPublic(flow.Destination))
            context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} opened {Text.Connections(alert)} to the public address {alert.Destination} ({Text.Ports(alert)})";
}
