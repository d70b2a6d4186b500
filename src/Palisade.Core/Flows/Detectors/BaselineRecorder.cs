using Palisade.Findings;
using Palisade.Flows.Baseline;
using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>Records every delivered connection into a baseline (<c>flows baseline</c>); raises nothing.</summary>
public sealed class BaselineRecorder(FlowBaseline baseline) : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL800", "baseline", "Baseline recorder", Severity.Info, "flows", "Learns the delivered connections."), []);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Delivered)
            baseline.Add(new BaselineEdge(FlowBaseline.KeyOf(flow.Source), FlowBaseline.KeyOf(flow.Destination), FlowProtocols.Name(flow.Protocol), flow.Port));
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => "";
}
