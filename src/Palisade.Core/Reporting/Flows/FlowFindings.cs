using Palisade.Findings;
using Palisade.Flows;
using Palisade.Flows.Detection;

namespace Palisade.Reporting.Flows;

/// <summary>
/// Flow alerts as findings, so that the findings formats (table, SARIF, Markdown) write them: the subject is
/// the connection, the location the first record's file and line.
/// </summary>
public static class FlowFindings
{
    /// <summary>The alerts of the result as findings of the detectors that ran, most severe first.</summary>
    public static FindingsResult Of(FlowCheckResult result, IReadOnlyList<DetectionRule> detectors)
    {
        var rules = detectors.ToDictionary(d => d.Name, d => d.Rule, StringComparer.Ordinal);
        var findings = result.Alerts
            .Where(a => rules.ContainsKey(a.Detector))
            .Select(a => new Finding(rules[a.Detector], Subject(a), Message(a)) { Severity = a.Severity, Location = a.Location, Properties = Properties(a) })
            .OrderByDescending(f => f.Severity)
            .ToArray();
        return new FindingsResult("flows check", [.. rules.Values], findings, 0);
    }

    private static string Subject(FlowAlert alert)
    {
        var ports = alert.Ports.Count == 0 ? alert.Protocol : $"{alert.Protocol} {string.Join(",", alert.Ports)}";
        return $"{alert.Source} → {alert.Destination} ({ports})";
    }

    /// <summary>The contract's fields of the alert, lists joined by commas.</summary>
    private static KeyValuePair<string, string>[] Properties(FlowAlert alert)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        KeyValuePair<string, string>[] fields =
        [
            new("detector", alert.Detector),
            new("src", alert.Source),
            new("dst", alert.Destination),
            new("protocol", alert.Protocol),
            new("ports", string.Join(",", alert.Ports)),
            new("first", Rfc3339.Format(alert.First)),
            new("last", Rfc3339.Format(alert.Last)),
            new("count", alert.Count.ToString(invariant)),
            new("policies", string.Join(",", alert.Policies)),
            new("attack", string.Join(",", alert.Attack)),
        ];
        return alert.Cause is { } cause ? [.. fields, new("cause", $"{cause.TimeText ?? Rfc3339.Format(cause.Time)} {cause.User} {cause.Verb} {cause.Object}")] : fields;
    }

    private static string Message(FlowAlert alert) =>
        $"{alert.Message} [{alert.Count} connection{(alert.Count == 1 ? "" : "s")}, {Rfc3339.Format(alert.First)} to {Rfc3339.Format(alert.Last)}]";
}
