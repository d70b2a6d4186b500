using Palisade.Findings;
using Spectre.Console;

namespace Palisade.Cli.Rendering;

/// <summary>
/// Findings as a terminal table, most severe first, with a one-line summary under it; below
/// <see cref="MinTableWidth"/> columns, as blocks wrapped on word boundaries (a table would cut words and paths).
/// </summary>
internal static class FindingsTable
{
    /// <summary>The narrowest width at which the five columns still hold whole words.</summary>
    public const int MinTableWidth = 100;

    public static void Write(FindingsResult result, TextWriter output, int? width = null)
    {
        var console = Terminal.Over(output, width);
        if (result.Findings.Count > 0 && console.Profile.Width < MinTableWidth)
        {
            WriteBlocks(result, console);
        }
        else if (result.Findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("Severity").NoWrap())
                .AddColumn(new TableColumn("Check").NoWrap())
                .AddColumn(new TableColumn("Resource"))
                .AddColumn(new TableColumn("Finding"))
                .AddColumn(new TableColumn("Location"));
            foreach (var finding in result.Findings)
            {
                table.AddRow(
                    new Markup($"[{Colour(finding.Severity)}]{finding.Severity.Name()}[/]"),
                    new Text(finding.Rule.Id),
                    new Text(finding.Subject),
                    new Text(finding.Message),
                    new Text(finding.Location?.ToString() ?? ""));
            }
            console.Write(table);
        }
        console.WriteLine(Summary(result));
    }

    private static void WriteBlocks(FindingsResult result, IAnsiConsole console)
    {
        var width = console.Profile.Width;
        const string indent = "    ";
        foreach (var finding in result.Findings)
        {
            console.MarkupLine($"[{Colour(finding.Severity)}]{finding.Severity.Name()}[/] {Markup.Escape(finding.Rule.Id)} {Markup.Escape(finding.Subject)}");
            foreach (var line in WordWrap.Lines(finding.Message, width, indent))
                console.WriteLine(line);
            if (finding.Location is { } location)
                console.WriteLine(indent + "at " + location);
        }
    }

    /// <summary>"N findings: 1 high, 2 medium (K checks, S suppressed)".</summary>
    public static string Summary(FindingsResult result)
    {
        var counts = result.CountsBySeverity.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key.Name()}").ToArray();
        var suppressed = result.Suppressed == 0 ? "" : $", {result.Suppressed} suppressed";
        return result.Findings.Count == 0
            ? $"No findings ({result.Rules.Count} checks{suppressed})."
            : $"{result.Findings.Count} findings: {string.Join(", ", counts)} ({result.Rules.Count} checks{suppressed}).";
    }

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "blue",
        _ => "grey",
    };
}
