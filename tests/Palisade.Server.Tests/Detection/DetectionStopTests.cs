using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Detection;

/// <summary>Flows that still wait to go to the detectors (taken in time order across requests) are detected when the service stops, not lost.</summary>
public sealed class DetectionStopTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scan_still_waiting_when_the_service_stops_is_stored_and_listed_after_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("palisade-stop-").FullName;
        try
        {
            var scan = string.Concat(Enumerable.Range(0, 25).Select(p => Bodies.Hubble(p, 1).Replace("\"destination_port\":443", $"\"destination_port\":{8000 + p}", StringComparison.Ordinal)));
            await using (var first = await TestServer.StartAsync((o, _) => o with { DataDirectory = data, RetentionAge = null }))
            {
                using var response = await first.Client.PostAsync("api/v1/ingest/hubble", new StringContent(scan), Cancel);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                // Read by detection, then stopped at once: within the 5 s it waits for later records before detecting them.
                await TestServer.Until(() => Cursor(first.Client) >= 25);
            }

            // The flows are of 2023: no retention, or the restarted service would delete their alert by age.
            await using var second = await TestServer.StartAsync((o, _) => o with { DataDirectory = data, RetentionAge = null });
            var alerts = JsonNode.Parse(await second.Client.GetStringAsync("api/v1/alerts?detector=port-scan", Cancel))!["alerts"]!.AsArray();

            var alert = Assert.Single(alerts)!;
            Assert.Equal(25, alert["ports"]!.AsArray().Count);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static double Cursor(HttpClient client)
    {
        var metrics = client.GetStringAsync("metrics", Cancel).GetAwaiter().GetResult();
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("palisade_detection_cursor ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line["palisade_detection_cursor ".Length..], CultureInfo.InvariantCulture);
    }
}
