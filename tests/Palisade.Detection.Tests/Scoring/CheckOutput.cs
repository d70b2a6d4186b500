using System.Globalization;
using System.Text.Json;
using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// <c>flows check -o json</c> output, parsed leniently: a missing or mistyped field is recorded as a shape
/// problem (reported, not scored) and read as empty, so one bad field does not hide the other alerts.
/// </summary>
public sealed record CheckOutput(long? Flows, long? Unresolved, IReadOnlyList<ObservedAlert> Alerts, IReadOnlyList<string> ShapeProblems)
{
    private static readonly string[] Required = ["detector", "severity", "src", "dst", "protocol", "ports", "first", "last", "count", "message", "policies", "attack"];

    public static CheckOutput Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException("the output is not a JSON object");
        var problems = new List<string>();
        var alerts = new List<ObservedAlert>();
        if (!root.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new FormatException("the output has no \"alerts\" array");
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
            foreach (var name in new[] { "first", "last" })
            {
                if (item.TryGetProperty(name, out var time) && (time.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
                    problems.Add($"{at}: \"{name}\" is not an RFC 3339 time");
            }
            alerts.Add(new ObservedAlert(Text(item, "detector"), Text(item, "src"), Text(item, "dst"), Text(item, "protocol"), Ports(item, at, problems), Cause(item), Number(item, "count", problems)));
        }
        return new CheckOutput(Number(root, "flows", problems), Number(root, "unresolved", problems), alerts, problems);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static IReadOnlyList<int> Ports(JsonElement item, string at, List<string> problems)
    {
        if (!item.TryGetProperty("ports", out var ports) || ports.ValueKind != JsonValueKind.Array)
            return [];
        var result = new List<int>();
        foreach (var port in ports.EnumerateArray())
        {
            if (port.ValueKind == JsonValueKind.Number && port.TryGetInt32(out var n))
                result.Add(n);
            else
                problems.Add($"{at}: a port that is not an integer");
        }
        return result;
    }

    private static LabelCause? Cause(JsonElement item)
    {
        if (!item.TryGetProperty("cause", out var cause) || cause.ValueKind != JsonValueKind.Object)
            return null;
        return new LabelCause(Text(cause, "time"), Text(cause, "user"), Text(cause, "verb"), Text(cause, "object"));
    }

    private static long? Number(JsonElement root, string name, List<string> problems)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
            return n;
        problems.Add($"no integer \"{name}\"");
        return null;
    }
}
