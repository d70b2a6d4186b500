using System.Globalization;
using System.Text.Json;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>
/// <c>audit -o json</c> output (<c>{"events": N, "alerts": [...]}</c>), parsed leniently: a missing or
/// mistyped field is a shape problem (reported, not scored) and reads as empty.
/// </summary>
public sealed record AuditOutput(long? Events, IReadOnlyList<AuditAlert> Alerts, IReadOnlyList<string> ShapeProblems)
{
    private static readonly string[] Required = ["rule", "severity", "time", "user", "verb", "object", "message", "opened", "attack"];

    public static AuditOutput Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new FormatException("the output is not an object with an \"alerts\" array");
        var problems = new List<string>();
        var alerts = new List<AuditAlert>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"alerts[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at}: not an object");
                continue;
            }
            foreach (var name in Required.Where(n => !item.TryGetProperty(n, out _)))
                problems.Add($"{at}: no \"{name}\"");
            var time = Text(item, "time");
            if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                problems.Add($"{at}: \"time\" is not an RFC 3339 time");
            IReadOnlyList<string>? opened = item.TryGetProperty("opened", out var o) && o.ValueKind == JsonValueKind.Array
                ? [.. o.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : null;
            alerts.Add(new AuditAlert(Text(item, "rule"), Text(item, "user"), Text(item, "verb"), Text(item, "object"), time, opened));
        }
        long? events = root.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) ? n : null;
        if (events is null)
            problems.Add("no integer \"events\"");
        return new AuditOutput(events, alerts, problems);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
