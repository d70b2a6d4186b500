using Palisade.Findings;
using Palisade.Flows.Baseline;
using Palisade.Flows.Detection;
using Palisade.Flows.Identity;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>new-connection</c> (with a baseline): a delivered connection whose (source, destination, protocol, port)
/// the baseline never saw, external peers keyed by /24 and shown by the first address seen.
/// </summary>
public sealed class NewConnection : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL804", "new-connection", "Connections never seen in the baseline", Severity.Medium, "flows",
            "A connection that the learning period never saw: lateral movement, a new dependency, or a change nobody announced."),
        ["T1021", "T1570"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (context.Baseline is not { } baseline || !flow.Delivered)
            return;
        var source = FlowBaseline.KeyOf(flow.Source);
        var destination = FlowBaseline.KeyOf(flow.Destination);
        if (baseline.Contains(new BaselineEdge(source, destination, FlowProtocols.Name(flow.Protocol), flow.Port)))
            return;
        // Alerts aggregate external peers by their /24 and pods by the workload they are named by (two ReplicaSets of one
        // Deployment are two sources, as connectivity prints them).
        context.Alerts.Raise(this, flow, context, new AlertBook.Names(flow.Source.Name, flow.Destination.Name, AlertKey(flow.Source, source), AlertKey(flow.Destination, destination)), flow.Port);
    }

    private static string AlertKey(FlowPeer peer, string baselineKey) => peer.Kind == FlowPeerKind.External ? baselineKey : peer.Name;

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{Text.Connections(alert)} from {alert.Source} to {alert.Destination} ({Text.Ports(alert)}) never seen in the baseline";
}
