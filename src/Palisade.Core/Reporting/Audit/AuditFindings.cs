using Palisade.Audit.Detection;
using Palisade.Findings;

namespace Palisade.Reporting.Audit;

/// <summary>
/// Audit alerts as findings, so that the findings formats (table, SARIF, Markdown) write them: the subject is
/// the request (user, verb, object), the location the event's file and line.
/// </summary>
public static class AuditFindings
{
    /// <summary>The alerts as findings of the rules that ran, most severe first.</summary>
    public static FindingsResult Of(IReadOnlyList<AuditAlert> alerts, IReadOnlyList<DetectionRule> rules)
    {
        var byName = rules.ToDictionary(r => r.Name, r => r.Rule, StringComparer.Ordinal);
        var findings = alerts
            .Where(a => byName.ContainsKey(a.Rule))
            .Select(a => new Finding(byName[a.Rule], $"{a.User} {a.Verb} {a.Object}", Message(a)) { Severity = a.Severity, Location = a.Location, Properties = Properties(a) })
            .OrderByDescending(f => f.Severity)
            .ToArray();
        return new FindingsResult("audit", [.. byName.Values], findings, 0);
    }

    /// <summary>The contract's fields of the alert, lists joined: opened lines by "; ", techniques by commas.</summary>
    private static KeyValuePair<string, string>[] Properties(AuditAlert alert) =>
    [
        new("rule", alert.Rule),
        new("time", alert.TimeText ?? Rfc3339.Format(alert.Time)),
        new("user", alert.User),
        new("verb", alert.Verb),
        new("object", alert.Object),
        new("opened", string.Join("; ", alert.Opened)),
        new("attack", string.Join(",", alert.Attack)),
    ];

    private static string Message(AuditAlert alert) =>
        alert.Opened.Count == 0
            ? $"{alert.Message} [{Rfc3339.Format(alert.Time)}]"
            : $"{alert.Message} [{Rfc3339.Format(alert.Time)}; opened: {string.Join("; ", alert.Opened)}]";
}
