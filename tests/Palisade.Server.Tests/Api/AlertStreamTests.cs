using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// <c>/api/v1/alerts/stream</c> as an EventSource reads it: a client reconnecting with <c>Last-Event-ID</c> gets the alerts
/// stored while it was away from the store, also when the service was restarted meanwhile (nothing of it left in memory).
/// </summary>
public sealed class AlertStreamTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("palisade-serve-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment; a leftover temp folder is harmless.
        }
    }

    private Task<RunningServer> Start(string? store) =>
        ServerHost.StartAsync(TestServer.Options(directory) with { Store = store }, Cancel, logging => logging.SetMinimumLevel(LogLevel.Warning));

    private static async Task Delete(HttpClient client, string id, string name)
    {
        using var response = await client.PostAsync("api/v1/ingest/audit", new StringContent(Bodies.AuditList((id, "delete", "networkpolicies", "shop", name, "mallory"))), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<StreamReader> Open(HttpClient client, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/alerts/stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.StartsWith(": palisade alert stream", await reader.ReadLineAsync(Cancel));
        return reader;
    }

    private static async Task<(string? Id, JsonNode Data)> NextEvent(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        string? id = null;
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line["id: ".Length..];
        }
        return (id, JsonNode.Parse(line!["data: ".Length..])!);
    }

    private static async Task UntilAlerts(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (JsonNode.Parse(await client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray().Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {count} alerts within 20 s");
            await Task.Delay(50, Cancel);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_client_reconnecting_after_a_restart_gets_the_alerts_stored_while_it_was_away(string kind)
    {
        var store = kind == "postgres" ? await TestServices.FreshPostgresDatabaseAsync() : null;
        string firstId;
        await using (var before = await Start(store))
        {
            using var client = new HttpClient { BaseAddress = before.Address };
            using (var reader = await Open(client, null))
            {
                await Delete(client, "id-1", "first");
                var (id, data) = await NextEvent(reader);
                Assert.Equal("NetworkPolicy shop/first", data["object"]!.GetValue<string>());
                firstId = id!;
            }
            // Stored while the client is away, then the service restarts: its memory is gone.
            await Delete(client, "id-2", "second");
            await UntilAlerts(client, 2);
        }

        await using var after = await Start(store);
        using var again = new HttpClient { BaseAddress = after.Address };
        using var resumed = await Open(again, firstId);
        var (missedId, missed) = await NextEvent(resumed);
        await Delete(again, "id-3", "third");
        var (liveId, live) = await NextEvent(resumed);

        Assert.Equal("NetworkPolicy shop/second", missed["object"]!.GetValue<string>());
        Assert.Equal("NetworkPolicy shop/third", live["object"]!.GetValue<string>());
        Assert.True(long.Parse(firstId, System.Globalization.CultureInfo.InvariantCulture) < long.Parse(missedId!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(long.Parse(missedId!, System.Globalization.CultureInfo.InvariantCulture) < long.Parse(liveId!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
