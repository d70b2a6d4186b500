using Palisade.Reporting.Findings;

namespace Palisade.Reporting.Audit;

/// <summary>The formats of <c>palisade audit</c>: the detection contract's json and jsonl, and the findings formats (sarif, md).</summary>
public static class AuditAlertsFormats
{
    /// <summary>json, jsonl, sarif and md.</summary>
    public static FormatRegistry<AuditReport> All { get; } = new(
        new("json", ContentTypes.Json, (report, _, output) => AuditAlertsJson.Write(report.Events, report.Alerts, output)),
        new("jsonl", ContentTypes.JsonLines, (report, _, output) =>
        {
            foreach (var alert in report.Alerts)
                AuditAlertsJson.WriteLine(alert, output);
        }),
        new("sarif", ContentTypes.Sarif, (report, context, output) => FindingsSarif.Write(AuditFindings.Of(report.Alerts, report.Rules), context, output)),
        new("md", ContentTypes.Markdown, (report, _, output) => FindingsMarkdown.Write(AuditFindings.Of(report.Alerts, report.Rules), output)));
}
