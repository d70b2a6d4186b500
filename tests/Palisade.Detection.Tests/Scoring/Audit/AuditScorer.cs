using System.Globalization;
using Palisade.Detection.Tests.Scenarios.Audit.Labels;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>
/// Matches alerts to labels on (rule, user, verb, object) as multisets: two requests with the same key need two
/// alerts, and a request reported twice (once per stage) counts the repeat as unexpected, since the contract
/// asks for one alert per request. Within a key, labels and alerts are paired by time where they can be.
/// Secondary figures: the time, and for tampering and relabels whether <c>opened</c> is exactly the labelled set.
/// </summary>
public static class AuditScorer
{
    public static AuditRunScore Score(string scenario, string wrapper, IReadOnlyList<AuditLabel> labels, IReadOnlyList<AuditAlert> alerts,
        int expectedEvents = 0, long? reportedEvents = null, string? error = null)
    {
        var missed = new List<AuditLabel>();
        var unexpected = new List<AuditAlert>();
        var openedMismatches = new List<string>();
        int matched = 0, openedChecked = 0, openedExact = 0, timeExact = 0;
        var byRule = new Dictionary<string, (int Labels, int Alerts, int Matched)>();
        void Count(string rule, int l, int a, int m)
        {
            var c = byRule.GetValueOrDefault(rule);
            byRule[rule] = (c.Labels + l, c.Alerts + a, c.Matched + m);
        }

        var alertsByKey = alerts.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var group in labels.GroupBy(l => l.Key))
        {
            var pool = alertsByKey.Remove(group.Key, out var found) ? found : [];
            var pending = group.OrderBy(l => l.Time, StringComparer.Ordinal).ToList();
            // Pair labels with alerts of the same time first, then the rest in order.
            var pairs = new List<(AuditLabel Label, AuditAlert Alert)>();
            foreach (var label in pending.ToList())
            {
                var same = pool.FirstOrDefault(a => SameInstant(a.Time, label.Time));
                if (same is null)
                    continue;
                pairs.Add((label, same));
                pool.Remove(same);
                pending.Remove(label);
                timeExact++;
            }
            foreach (var label in pending.ToList())
            {
                if (pool.Count == 0)
                    break;
                pairs.Add((label, pool[0]));
                pool.RemoveAt(0);
                pending.Remove(label);
            }
            missed.AddRange(pending);
            unexpected.AddRange(pool);
            matched += pairs.Count;
            Count(group.Key.Rule, group.Count(), pairs.Count + pool.Count, pairs.Count);
            foreach (var (label, alert) in pairs.Where(p => p.Label.Opened is not null))
            {
                openedChecked++;
                var reported = alert.Opened ?? [];
                if (reported.ToHashSet().SetEquals(label.Opened!) && reported.Count == label.Opened!.Count)
                    openedExact++;
                else
                    openedMismatches.Add($"{label} at {label.Time}: expected [{string.Join(" | ", label.Opened!)}], reported [{string.Join(" | ", reported)}]");
            }
        }
        foreach (var (key, rest) in alertsByKey)
        {
            unexpected.AddRange(rest);
            Count(key.Rule, 0, rest.Count, 0);
        }
        return new AuditRunScore
        {
            Scenario = scenario, Wrapper = wrapper, Error = error, Missed = missed, Unexpected = unexpected, Matched = matched,
            ByRule = byRule.ToDictionary(r => r.Key, r => new Counts(r.Value.Labels, r.Value.Alerts, r.Value.Matched)),
            OpenedChecked = openedChecked, OpenedExact = openedExact, OpenedMismatches = openedMismatches, TimeExact = timeExact,
            ExpectedEvents = expectedEvents, ReportedEvents = reportedEvents,
        };
    }

    public static bool SameInstant(string a, string b) =>
        DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var x)
        && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var y) && x == y;
}
