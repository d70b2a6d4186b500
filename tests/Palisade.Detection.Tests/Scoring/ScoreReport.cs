using System.Globalization;
using System.Text;
using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// The Markdown report: overall, per detector, per format (micro-averaged over runs), per run, then each
/// run's misses. Written to artifacts/detection-scores.md for the lead to copy into docs.
/// </summary>
public static class ScoreReport
{
    private const int ListLimit = 25;

    public static string Markdown(IReadOnlyList<RunScore> runs)
    {
        var text = new StringBuilder();
        text.Append("# Detection scores\n\n");
        text.Append("`palisade flows check` on the generated scenarios of tests/Palisade.Detection.Tests (labels from the contract in\n");
        text.Append("PRODUCT.md, \"Detection\"). Matched on (detector, src, dst, protocol); recall = matched / labels, precision =\n");
        text.Append("matched / distinct alerts. \"Ports\" is the share of matches whose alerts report every labelled port;\n");
        text.Append("\"counts\" the share of matches of per-connection detectors whose alerts count the labelled connections.\n\n");

        var total = Counts.Sum(runs.Select(r => r.Total));
        var matched = runs.Sum(r => r.Matched.Count);
        var portsOk = matched - runs.Sum(r => r.PortMismatches.Count);
        text.Append("## Overall\n\n| runs | failed runs | labels | alerts | matched | recall | precision | ports | causes | counts |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        var causes = runs.Sum(r => r.CauseLabels);
        var counted = runs.Sum(r => r.CountLabels);
        text.Append(CultureInfo.InvariantCulture, $"| {runs.Count} | {runs.Count(r => r.Error is not null)} | {total.Labels} | {total.Alerts} | {total.Matched} | {P(total.Recall)} | {P(total.Precision)} | {Share(portsOk, matched)} | {Share(causes - runs.Sum(r => r.CauseMismatches.Count), causes)} | {Share(counted - runs.Sum(r => r.CountMismatches.Count), counted)} |\n\n");

        text.Append("## Per detector\n\n");
        Table(text, "detector", Detectors.All.Concat(runs.SelectMany(r => r.ByDetector.Keys)).Distinct()
            .Select(d => (d, Counts.Sum(runs.Select(r => r.ByDetector.GetValueOrDefault(d)))))
            .Where(row => row.Item2.Labels + row.Item2.Alerts > 0));
        text.Append("## Per format\n\n");
        Table(text, "format", runs.GroupBy(r => r.Format).Select(g => (g.Key, Counts.Sum(g.Select(r => r.Total)))));

        text.Append("## Per run\n\n| run | labels | alerts | matched | recall | precision | ports | note |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in runs)
        {
            var t = r.Total;
            var note = r.Error ?? (r.Duplicates > 0 ? $"{r.Duplicates} duplicate alerts" : "");
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {t.Labels} | {t.Alerts} | {t.Matched} | {P(t.Recall)} | {P(t.Precision)} | {Share(r.Matched.Count - r.PortMismatches.Count, r.Matched.Count)} | {note.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        text.Append('\n');

        var troubled = runs.Where(r => r.Missed.Count + r.Unexpected.Count + r.PortMismatches.Count + r.CauseMismatches.Count + r.CountMismatches.Count + r.ShapeProblems.Count > 0).ToList();
        if (troubled.Count > 0)
        {
            text.Append("## Differences\n\n");
            foreach (var r in troubled)
            {
                text.Append(CultureInfo.InvariantCulture, $"### {r.Name}\n\n");
                List(text, "missed", r.Missed.Select(l => $"{l.Detector} {l.Src} -> {l.Dst} {l.Protocol} [{string.Join(",", l.Ports)}]{(l.Why is null ? "" : " (" + l.Why + ")")}"));
                List(text, "unexpected", r.Unexpected.Select(k => k.ToString()));
                List(text, "ports", r.PortMismatches);
                List(text, "causes", r.CauseMismatches);
                List(text, "counts", r.CountMismatches);
                List(text, "output shape", r.ShapeProblems.Distinct());
            }
        }
        return text.ToString();
    }

    /// <summary>A short table for the test log.</summary>
    public static string Summary(IReadOnlyList<RunScore> runs)
    {
        var text = new StringBuilder();
        foreach (var r in runs)
            text.Append(CultureInfo.InvariantCulture, $"{r.Name,-34} labels {r.Total.Labels,4}  alerts {r.Total.Alerts,4}  recall {P(r.Total.Recall),7}  precision {P(r.Total.Precision),7}  {r.Error}\n");
        var total = Counts.Sum(runs.Select(r => r.Total));
        text.Append(CultureInfo.InvariantCulture, $"{"overall",-34} labels {total.Labels,4}  alerts {total.Alerts,4}  recall {P(total.Recall),7}  precision {P(total.Precision),7}\n");
        return text.ToString();
    }

    /// <summary>A markdown table of counts per row (flows and audit reports alike).</summary>
    internal static void Table(StringBuilder text, string what, IEnumerable<(string Name, Counts Counts)> rows)
    {
        text.Append(CultureInfo.InvariantCulture, $"| {what} | labels | alerts | matched | missed | unexpected | recall | precision |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (name, c) in rows)
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {c.Labels} | {c.Alerts} | {c.Matched} | {c.Missed} | {c.Unexpected} | {P(c.Recall)} | {P(c.Precision)} |\n");
        text.Append('\n');
    }

    /// <summary>A titled list of at most a few items, with how many were left out.</summary>
    internal static void List(StringBuilder text, string title, IEnumerable<string> items)
    {
        var all = items.ToList();
        if (all.Count == 0)
            return;
        text.Append(CultureInfo.InvariantCulture, $"{title} ({all.Count}):\n");
        foreach (var item in all.Take(ListLimit))
            text.Append("- `").Append(item).Append("`\n");
        if (all.Count > ListLimit)
            text.Append(CultureInfo.InvariantCulture, $"- … {all.Count - ListLimit} more\n");
        text.Append('\n');
    }

    public static string P(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    internal static string Share(int part, int whole) => whole == 0 ? "–" : P((double)part / whole);
}
