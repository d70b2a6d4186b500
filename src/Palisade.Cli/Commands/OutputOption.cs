using System.CommandLine;
using Palisade.Reporting;

namespace Palisade.Cli.Commands;

/// <summary>The <c>-o</c> option of a command, its choices taken from the report type's format registry.</summary>
internal static class OutputOption
{
    /// <summary>The option; the first format is the default. <paramref name="note"/> follows the list of names.</summary>
    public static Option<string> For<TReport>(FormatRegistry<TReport> formats, string note = "")
    {
        var names = formats.Names;
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}{note}.",
            DefaultValueFactory = _ => names[0],
        };
        option.AcceptOnlyFromAmong([.. names]);
        return option;
    }

    /// <summary>The chosen format.</summary>
    public static ReportFormat<TReport> Chosen<TReport>(this ParseResult parsed, Option<string> option, FormatRegistry<TReport> formats) =>
        formats.Find(parsed.GetValue(option)!)!;
}
