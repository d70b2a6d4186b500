using Palisade.Findings;
using Palisade.Reporting.Sarif;

namespace Palisade.Reporting.Findings;

/// <summary>Findings as SARIF: one rule per check run, one result per finding, on the manifest line where known.</summary>
public static class FindingsSarif
{
    /// <summary>Writes the SARIF log.</summary>
    public static void Write(FindingsResult result, OutputContext context, TextWriter output)
    {
        var rules = result.Rules.Select(Rule).ToArray();
        var results = result.Findings.Select(f => new SarifResult(f.Rule.Id, Level(f.Severity), Message(f), f.Location)
        {
            LogicalLocation = f.Subject,
            Fingerprint = $"{f.Rule.Id}:{f.Subject}:{f.Field}",
            Properties = [new("severity", f.Severity.Name()), .. f.Properties],
        });
        SarifWriter.Write(output, context.BaseDirectory, rules, results);
    }

    /// <summary>The SARIF level of a severity: error for high and critical, warning for medium, note below.</summary>
    public static string Level(Severity severity) => severity switch
    {
        >= Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static SarifRule Rule(RuleInfo check) => new(check.Id, check.Name, check.Title)
    {
        FullDescription = check.Description,
        Help = check.References.Count == 0 ? check.Description : check.Description + "\n\nReferences:\n" + string.Join("\n", check.References.Select(r => "- " + r)),
        DefaultLevel = Level(check.Severity),
        Tags = ["security", "kubernetes", check.Category],
        SecuritySeverity = check.Severity switch
        {
            Severity.Critical => "9.5",
            Severity.High => "8.0",
            Severity.Medium => "5.5",
            Severity.Low => "3.0",
            _ => "0.1",
        },
    };

    private static string Message(Finding finding) =>
        $"{finding.Subject}: {finding.Message}." + (finding.Remediation is { } remediation ? $" Remediation: {remediation}" : "");
}
