using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// Matches alerts to labels on (detector, src, dst, protocol). Alerts are compared as a set of keys, so an
/// implementation that splits one aggregate into several alerts is not charged twice (the repeats are
/// counted as duplicates). Ports are a secondary figure: a match is port-correct when the alerts with
/// its key report every labelled port; so is the count of connections for the detectors that report each connection
/// (summed over a key's alerts). Causes are compared for via-policy-change, times as instants.
/// </summary>
public static class Scorer
{
    public static RunScore Score(string scenario, string format, IReadOnlyList<Label> labels, IReadOnlyList<ObservedAlert> alerts, string? error = null)
    {
        var expected = new Dictionary<AlertKey, Label>();
        foreach (var label in labels)
        {
            if (!expected.TryAdd(new AlertKey(label.Detector, label.Src, label.Dst, label.Protocol), label))
                throw new ArgumentException($"two labels with the key {label.Key}", nameof(labels));
        }
        var observed = alerts.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.ToList());
        var matched = expected.Keys.Where(observed.ContainsKey).OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList();
        var portMismatches = new List<string>();
        var causeMismatches = new List<string>();
        var countMismatches = new List<string>();
        foreach (var key in matched)
        {
            var label = expected[key];
            var reported = observed[key].SelectMany(a => a.Ports).ToHashSet();
            var absent = label.Ports.Where(p => !reported.Contains(p)).ToList();
            if (absent.Count > 0)
                portMismatches.Add($"{key}: ports {string.Join(",", absent)} not reported (reported {string.Join(",", reported.Order())})");
            if (label.Count is { } count && observed[key].Sum(a => a.Count ?? 0) is var reportedCount && reportedCount != count)
                countMismatches.Add($"{key}: count {reportedCount}, {count} connections labelled");
            if (label.Cause is { } cause && !observed[key].Any(a => SameCause(cause, a.Cause)))
                causeMismatches.Add($"{key}: cause {Describe(cause)}, reported {string.Join(" | ", observed[key].Select(a => Describe(a.Cause)))}");
        }
        var detectors = expected.Keys.Select(k => k.Detector).Concat(observed.Keys.Select(k => k.Detector)).Distinct();
        return new RunScore
        {
            Scenario = scenario,
            Format = format,
            Error = error,
            Alerts = alerts,
            Matched = matched,
            Missed = [.. expected.Where(e => !observed.ContainsKey(e.Key)).Select(e => e.Value)],
            Unexpected = [.. observed.Keys.Where(k => !expected.ContainsKey(k)).OrderBy(k => k.ToString(), StringComparer.Ordinal)],
            PortMismatches = portMismatches,
            CauseMismatches = causeMismatches,
            CountMismatches = countMismatches,
            CauseLabels = matched.Count(k => expected[k].Cause is not null),
            CountLabels = matched.Count(k => expected[k].Count is not null),
            Duplicates = alerts.Count - observed.Count,
            ByDetector = detectors.ToDictionary(d => d, d => new Counts(
                expected.Keys.Count(k => k.Detector == d), observed.Keys.Count(k => k.Detector == d), matched.Count(k => k.Detector == d))),
        };
    }

    public static bool SameCause(LabelCause expected, LabelCause? actual) =>
        actual is not null && actual.User == expected.User && actual.Verb == expected.Verb && actual.Object == expected.Object
        && DateTimeOffset.TryParse(actual.Time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var a)
        && DateTimeOffset.TryParse(expected.Time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var e)
        && a == e;

    private static string Describe(LabelCause? cause) =>
        cause is null ? "none" : $"{cause.Time} {cause.User} {cause.Verb} {cause.Object}";
}
