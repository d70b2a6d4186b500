using Palisade.Findings;

namespace Palisade.Reporting.Findings;

/// <summary>Findings as Markdown for a pull-request comment: counts, a table, then the fixes.</summary>
public static class FindingsMarkdown
{
    /// <summary>Writes the comment.</summary>
    public static void Write(FindingsResult result, TextWriter output)
    {
        output.Write($"## Palisade {result.Producer}\n\n");
        if (result.Findings.Count == 0)
        {
            output.Write($"No findings ({result.Rules.Count} checks{Suppressed(result)}).\n");
            return;
        }
        var counts = result.CountsBySeverity.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key.Name()}");
        output.Write($"{result.Findings.Count} findings: {string.Join(", ", counts)} ({result.Rules.Count} checks{Suppressed(result)}).\n\n");
        output.Write("| Severity | Check | Resource | Location | Finding |\n|---|---|---|---|---|\n");
        foreach (var finding in result.Findings)
        {
            output.Write($"| {finding.Severity.Name()} | {finding.Rule.Id} {Cell(finding.Rule.Name)} | {Cell(finding.Subject)} | {Cell(finding.Location?.ToString() ?? "")} | {Cell(finding.Message)} |\n");
        }
        var withFixes = result.Findings.Where(f => f.Fix is not null).ToArray();
        if (withFixes.Length == 0)
            return;
        output.Write("\n<details><summary>Suggested fixes</summary>\n\n");
        foreach (var finding in withFixes)
            output.Write($"**{finding.Rule.Id}** {Cell(finding.Subject)}: {Cell(finding.Remediation ?? "")}\n\n```{(finding.Fix!.StartsWith("kubectl", StringComparison.Ordinal) ? "sh" : "yaml")}\n{finding.Fix.TrimEnd()}\n```\n\n");
        output.Write("</details>\n");
    }

    private static string Suppressed(FindingsResult result) =>
        result.Suppressed == 0 ? "" : $", {result.Suppressed} suppressed";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
