using Palisade.Findings;
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

    public static FormatRegistry<ScanReport> Scan { get; } =
        ScanFormats.All.With(new("table", ContentTypes.Text, (report, _, output) => ScanTable.Write(report, output)));
}
