using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Reporting.Audit;
using Palisade.Reporting.Flows;
using Palisade.Reporting;
using Palisade.Reporting.Findings;
using Palisade.Reporting.Scan;
using Palisade.Scan;

namespace Palisade.Cli.Rendering;

/// <summary>Core's format registries with the CLI's terminal table offered first, as the default.</summary>
internal static class CliFormats
{
    public static FormatRegistry<FindingsResult> Findings { get; } =
        FindingsFormats.All.With(new("table", ContentTypes.Text, (result, _, output) => FindingsTable.Write(result, output)));

    public static FormatRegistry<FlowCheckResult> Flows { get; } =
        FlowAlertsFormats.For([.. DetectorCatalog.Create().Select(d => d.Info)])
            .With(new("table", ContentTypes.Text, (result, _, output) => FindingsTable.Write(FlowFindings.Of(result, [.. DetectorCatalog.Create().Select(d => d.Info)]), output)));

    public static FormatRegistry<AuditReport> Audit { get; } =
        AuditAlertsFormats.All.With(new("table", ContentTypes.Text, (report, _, output) => FindingsTable.Write(AuditFindings.Of(report.Alerts, report.Rules), output)));

    public static FormatRegistry<ScanReport> Scan { get; } =
        ScanFormats.All.With(new("table", ContentTypes.Text, (report, _, output) => ScanTable.Write(report, output)));
}
