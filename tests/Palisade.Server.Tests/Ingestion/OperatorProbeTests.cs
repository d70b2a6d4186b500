using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>
/// The service as an operator runs it: exporters posting at once with overlapping retries, a restart on the same
/// SQLite file, and a token sent with the scheme in another case.
/// </summary>
public sealed class OperatorProbeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_overlapping_batches_store_each_flow_once_and_account_for_every_record()
    {
        await using var server = await TestServer.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(i * 50, 100)), Cancel);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        }));

        Assert.Equal(16 * 100, answers.Sum(a => a["accepted"]!.GetValue<int>()));
        Assert.Equal(15 * 50, answers.Sum(a => a["duplicates"]!.GetValue<int>()));
        Assert.Equal(17 * 50, await server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task After_a_restart_on_the_same_file_flows_and_alerts_are_there_once_and_a_resent_batch_is_a_duplicate()
    {
        // The event is of 2024: no retention, or the restarted service would delete its alert by age.
        var data = Directory.CreateTempSubdirectory("palisade-restart-").FullName;
        var audit = Bodies.AuditList(("id-r1", "delete", "networkpolicies", "shop", "deny-all", "mallory"));
        try
        {
            await using (var first = await TestServer.StartAsync((o, _) => o with { DataDirectory = data, RetentionAge = null }))
            {
                using (var flows = await first.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 10)), Cancel))
                    Assert.Equal(HttpStatusCode.Accepted, flows.StatusCode);
                using (var events = await first.Client.PostAsync("api/v1/ingest/audit", new StringContent(audit), Cancel))
                    Assert.Equal(HttpStatusCode.Accepted, events.StatusCode);
                await TestServer.Until(() => Alerts(first).GetAwaiter().GetResult().Count == 1);
            }

            await using var second = await TestServer.StartAsync((o, _) => o with { DataDirectory = data, RetentionAge = null });
            using var again = await second.Client.PostAsync("api/v1/ingest/audit", new StringContent(audit), Cancel);
            var answer = JsonNode.Parse(await again.Content.ReadAsStringAsync(Cancel))!;
            await Task.Delay(1000, Cancel);

            Assert.Equal(1, answer["duplicates"]!.GetValue<int>());
            Assert.Equal(10, JsonNode.Parse(await second.Client.GetStringAsync("api/v1/flows?limit=0", Cancel))!["total"]!.GetValue<long>());
            Assert.Single(await Alerts(second));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task The_bearer_scheme_is_read_in_any_case(string scheme)
    {
        // RFC 9110 section 11.1: the authentication scheme is case-insensitive; some clients send it in lower case.
        await using var server = await TestServer.StartAsync(TestServer.WithTokens);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/alerts");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, TestServer.Token);

        using var response = await server.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonArray> Alerts(TestServer server) =>
        JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
}
