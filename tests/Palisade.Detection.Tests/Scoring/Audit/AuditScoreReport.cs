using System.Globalization;
using System.Text;
using Palisade.Detection.Tests.Scenarios.Audit.Labels;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>
/// The Markdown report (artifacts/audit-scores.md): overall, per rule, per wrapper, per run, then each run's
/// differences. Recall = matched / labels, precision = matched / alerts; "opened" is the share of checked
/// matches whose alert lists exactly the labelled connections; "time" the share reporting the labelled time.
/// </summary>
public static class AuditScoreReport
{

    public static string Markdown(IReadOnlyList<AuditRunScore> runs)
    {
        var text = new StringBuilder();
        text.Append("# Audit detection scores\n\n");
        text.Append("`palisade audit LOG --cluster DIR [--trusted-users ...] -o json` on the generated scenarios of\n");
        text.Append("tests/Palisade.Detection.Tests (Scenarios/Audit; labels from PRODUCT.md, \"Detection\"). Matched on (rule, user, verb,\n");
        text.Append("object) as multisets. \"opened\": matches whose opened lines are exactly the labelled ones (tampering and\n");
        text.Append("relabels with a known object); \"time\": matches reporting the labelled requestReceivedTimestamp.\n\n");
        var total = Counts.Sum(runs.Select(r => r.Total));
        var matched = runs.Sum(r => r.Matched);
        text.Append("## Overall\n\n| runs | failed runs | labels | alerts | matched | recall | precision | opened | time | events count right |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {runs.Count} | {runs.Count(r => r.Error is not null)} | {total.Labels} | {total.Alerts} | {total.Matched} | {ScoreReport.P(total.Recall)} | {ScoreReport.P(total.Precision)} | {ScoreReport.Share(runs.Sum(r => r.OpenedExact), runs.Sum(r => r.OpenedChecked))} | {ScoreReport.Share(runs.Sum(r => r.TimeExact), matched)} | {runs.Count(r => r.ReportedEvents == r.ExpectedEvents)}/{runs.Count} |\n\n");

        text.Append("## Per rule\n\n");
        ScoreReport.Table(text, "rule", AuditRules.All.Concat(runs.SelectMany(r => r.ByRule.Keys)).Distinct()
            .Select(rule => (rule, Counts.Sum(runs.Select(r => r.ByRule.GetValueOrDefault(rule))))).Where(x => x.Item2.Labels + x.Item2.Alerts > 0));
        text.Append("## Per wrapper\n\n");
        ScoreReport.Table(text, "wrapper", runs.GroupBy(r => r.Wrapper).Select(g => (g.Key, Counts.Sum(g.Select(r => r.Total)))));

        text.Append("## Per run\n\n| run | labels | alerts | matched | recall | precision | opened | events (expected/reported) | note |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var r in runs)
        {
            var t = r.Total;
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {t.Labels} | {t.Alerts} | {t.Matched} | {ScoreReport.P(t.Recall)} | {ScoreReport.P(t.Precision)} | {ScoreReport.Share(r.OpenedExact, r.OpenedChecked)} | {r.ExpectedEvents}/{r.ReportedEvents?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {(r.Error ?? "").Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        text.Append('\n');
        var troubled = runs.Where(r => r.Missed.Count + r.Unexpected.Count + r.OpenedMismatches.Count + r.ShapeProblems.Count > 0).ToList();
        if (troubled.Count > 0)
        {
            text.Append("## Differences\n\n");
            foreach (var r in troubled)
            {
                text.Append(CultureInfo.InvariantCulture, $"### {r.Name}\n\n");
                ScoreReport.List(text, "missed", r.Missed.Select(l => $"{l} at {l.Time}{(l.Why is null ? "" : " (" + l.Why + ")")}"));
                ScoreReport.List(text, "unexpected", r.Unexpected.Select(a => $"{a} at {a.Time}"));
                ScoreReport.List(text, "opened", r.OpenedMismatches);
                ScoreReport.List(text, "output shape", r.ShapeProblems.Distinct());
            }
        }
        return text.ToString();
    }

    public static string Summary(IReadOnlyList<AuditRunScore> runs)
    {
        var text = new StringBuilder();
        foreach (var r in runs)
            text.Append(CultureInfo.InvariantCulture, $"{r.Name,-28} labels {r.Total.Labels,4}  alerts {r.Total.Alerts,4}  recall {ScoreReport.P(r.Total.Recall),7}  precision {ScoreReport.P(r.Total.Precision),7}  opened {ScoreReport.Share(r.OpenedExact, r.OpenedChecked)}  {r.Error}\n");
        var total = Counts.Sum(runs.Select(r => r.Total));
        text.Append(CultureInfo.InvariantCulture, $"{"overall",-28} labels {total.Labels,4}  alerts {total.Alerts,4}  recall {ScoreReport.P(total.Recall),7}  precision {ScoreReport.P(total.Precision),7}\n");
        return text.ToString();
    }
}
