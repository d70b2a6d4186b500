using Palisade.Connectivity.Diff;
using Palisade.Reporting.Sarif;

namespace Palisade.Reporting.Diff;

/// <summary>A diff as SARIF: one result per change, located on the manifest that caused it where one can be named.</summary>
public static class DiffSarif
{
    private static readonly SarifRule[] Rules =
    [
        new("PAL-DIFF-ADDED", "ConnectionAdded", "A connection that the old version did not allow is now allowed."),
        new("PAL-DIFF-CHANGED", "ConnectionChanged", "The ports or protocols allowed between two peers changed."),
        new("PAL-DIFF-REMOVED", "ConnectionRemoved", "A connection that the old version allowed is now denied."),
    ];

    /// <summary>Writes the SARIF log.</summary>
    public static void Write(DiffReport report, OutputContext context, TextWriter output)
    {
        var diff = report.Diff;
        var results = new[] { DiffKind.Changed, DiffKind.Added, DiffKind.Removed }
            .SelectMany(k => diff.Changes.Where(e => e.Kind == k).OrderBy(e => e.Source).ThenBy(e => e.Destination))
            .Select(change =>
            {
                var causes = report.Causes(change);
                var message = $"{change.Kind.ToString().ToLowerInvariant()}: {change.Source} => {change.Destination}: {change.Before} -> {change.After}";
                if (causes.Count > 0)
                    message += ". Cause: " + string.Join("; ", causes.Select(DiffCauseText.Describe));
                var level = change.Kind == DiffKind.Removed ? "note" : "warning";
                return new SarifResult($"PAL-DIFF-{change.Kind.ToString().ToUpperInvariant()}", level, message, causes.FirstOrDefault(c => c.Location is not null)?.Location);
            });
        SarifWriter.Write(output, context.BaseDirectory, Rules, results);
    }
}
