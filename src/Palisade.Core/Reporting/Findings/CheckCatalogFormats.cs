using Palisade.Findings;

namespace Palisade.Reporting.Findings;

/// <summary>The formats of the check catalogue (<c>palisade checks</c>).</summary>
public static class CheckCatalogFormats
{
    /// <summary>txt (one line per check) and md (docs/checks.md).</summary>
    public static FormatRegistry<IReadOnlyList<RuleInfo>> All { get; } = new(
        new("txt", ContentTypes.Text, (checks, _, output) => WriteText(checks, output)),
        new("md", ContentTypes.Markdown, (checks, _, output) => CheckCatalogMarkdown.Write(checks, output)));

    private static void WriteText(IReadOnlyList<RuleInfo> checks, TextWriter output)
    {
        foreach (var check in checks)
            output.Write($"{check.Id}  {check.Severity.Name(),-8}  {check.Category,-15}  {check.Name}: {check.Title}\n");
    }
}
