using Palisade.Findings;
using Palisade.Flows;

namespace Palisade.Flows.Detection;

/// <summary>
/// One detector of <c>flows check</c>: looks at each judged request flow and raises alerts through the
/// context. One instance per check (detectors may keep windows of recent flows); not thread-safe.
/// </summary>
public interface IFlowDetector
{
    /// <summary>What the detector is.</summary>
    DetectionRule Info { get; }

    /// <summary>Looks at one flow (replies never reach detectors).</summary>
    void Observe(in JudgedFlow flow, FlowCheckContext context);

    /// <summary>The alert's message, written once the alert is complete.</summary>
    string Describe(AlertDraft alert);
}
