using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Palisade.Testing;

namespace Palisade.Server.Tests.Support;

/// <summary>
/// Compares the service's alerts (<c>GET /api/v1/alerts</c>) with those the command line gives on the same input
/// (<c>flows check -o json</c>, <c>audit -o json</c>), field by field in the Detection contract's alert shape.
/// </summary>
public static class AlertParity
{
    /// <summary>The contract's fields, flow alerts' and audit alerts', as compared.</summary>
    private static readonly string[] Fields =
    [
        "detector", "rule", "severity", "src", "dst", "protocol", "ports", "first", "last", "count", "policies", "cause",
        "time", "user", "verb", "object", "opened", "attack", "message",
    ];

    /// <summary>Runs <c>palisade</c> with the arguments and <c>-o json</c>, and gives its alerts as comparable lines.</summary>
    public static List<string> Command(params string[] args)
    {
        var run = CliRun.Of([.. args, "-o", "json"]);
        Assert.True(run.Output.TrimStart().StartsWith('{') || run.Output.TrimStart().StartsWith('['), $"palisade {string.Join(' ', args)} exited {run.ExitCode}:\n{run.Error}\n{run.Output}");
        var root = JsonNode.Parse(run.Output)!;
        var alerts = root is JsonArray array ? array : root["alerts"]!.AsArray();
        return Lines(alerts);
    }

    /// <summary>The service's alerts as comparable lines.</summary>
    public static async Task<List<string>> Served(HttpClient client, CancellationToken cancel) =>
        Lines(JsonNode.Parse(await client.GetStringAsync("api/v1/alerts", cancel))!["alerts"]!.AsArray());

    /// <summary>The detectors or rules the alerts name, each once, in order: what a scenario covers.</summary>
    public static List<string> Names(List<string> alerts) =>
        [.. alerts.Select(a => JsonNode.Parse(a)!).Select(a => (a["detector"] ?? a["rule"])!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Asserts that both give the same alerts, showing both when they do not.</summary>
    public static void Same(List<string> cli, List<string> served)
    {
        var (expected, actual) = (string.Join("\n", cli), string.Join("\n", served));
        Assert.True(expected == actual, $"palisade (CLI):\n{expected}\nserve:\n{actual}");
    }

    private static List<string> Lines(JsonArray alerts)
    {
        var lines = new List<string>(alerts.Count);
        foreach (var alert in alerts)
        {
            var kept = new JsonObject();
            foreach (var field in Fields)
            {
                if (alert![field] is { } value)
                    kept[field] = value.DeepClone();
            }
            lines.Add(kept.ToJsonString());
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>A time as the API server and Hubble write it, in UTC with six fraction digits.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Posts a body, asserts 202, and gives the number of records accepted.</summary>
    public static async Task<int> Posted(TestServer server, string path, string body)
    {
        using var response = await server.Client.PostAsync(path, new StringContent(body), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["accepted"]!.GetValue<int>();
    }

    /// <summary>The service's alerts once detection read that many records and no flow waits.</summary>
    public static async Task<List<string>> Detected(TestServer server, int records)
    {
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = (await server.Client.GetStringAsync("metrics", cancel)).Split('\n');
            if (Gauge(metrics, "palisade_detection_cursor") >= records && Gauge(metrics, "palisade_detection_flows_waiting") == 0)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"detection did not read {records} records within 30 s");
            await Task.Delay(50, cancel);
        }
        return await Served(server.Client, cancel);
    }

    private static double Gauge(string[] metrics, string name) =>
        metrics.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) is { } line ? double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture) : -1;
}
