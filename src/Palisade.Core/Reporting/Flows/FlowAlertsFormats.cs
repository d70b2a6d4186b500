using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Reporting.Findings;

namespace Palisade.Reporting.Flows;

/// <summary>The formats of <c>flows check</c>: the detection contract's json and jsonl, and the findings formats (sarif, md).</summary>
public static class FlowAlertsFormats
{
    /// <summary>The formats, given the detectors that ran (their rules name the findings).</summary>
    public static FormatRegistry<FlowCheckResult> For(IReadOnlyList<DetectionRule> detectors) => new(
        new("json", ContentTypes.Json, (result, _, output) => FlowAlertsJson.Write(result, output)),
        new("jsonl", ContentTypes.JsonLines, (result, _, output) => FlowAlertsJson.WriteLines(result, output)),
        new("sarif", ContentTypes.Sarif, (result, context, output) => FindingsSarif.Write(FlowFindings.Of(result, detectors), context, output)),
        new("md", ContentTypes.Markdown, (result, _, output) => FindingsMarkdown.Write(FlowFindings.Of(result, detectors), output)));
}
