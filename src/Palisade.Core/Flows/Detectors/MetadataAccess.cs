using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Identity;

namespace Palisade.Flows.Detectors;

/// <summary><c>metadata-access</c>: a pod reaching the cloud instance metadata service (169.254.169.254, fd00:ec2::254).</summary>
public sealed class MetadataAccess : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL807", "metadata-access", "Pod access to the cloud metadata service", Severity.High, "flows",
            "The instance metadata service hands out the node's cloud credentials; a pod that reaches it can act as the node in the cloud account."),
        ["T1552.005"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Source.IsPod && flow.Destination.Address is { } address && SpecialAddresses.IsMetadata(address))
            context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} opened {Text.Connections(alert)} to the instance metadata service {alert.Destination} ({Text.Ports(alert)})";
}
