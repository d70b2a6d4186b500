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
            .Select(a => new Finding(rules[a.Detector], Subject(a), Message(a)) { Severity = a.Severity, Location = a.Location })
            .OrderByDescending(f => f.Severity)
            .ToArray();
        return new FindingsResult("flows check", [.. rules.Values], findings, 0);
    }

    private static string Subject(FlowAlert alert)
    {
        var ports = alert.Ports.Count == 0 ? alert.Protocol : $"{alert.Protocol} {string.Join(",", alert.Ports)}";
        return $"{alert.Source} → {alert.Destination} ({ports})";
    }

    private static string Message(FlowAlert alert) =>
        $"{alert.Message} [{alert.Count} connection{(alert.Count == 1 ? "" : "s")}, {Rfc3339.Format(alert.First)} to {Rfc3339.Format(alert.Last)}]";
}
