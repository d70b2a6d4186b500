using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>EventList batches as the API server's audit webhook backend sends them: stages of one request together, an event twice, retries.</summary>
public sealed class WebhookBatchTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await TestServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Post(string body)
    {
        using var response = await server.Client.PostAsync("api/v1/ingest/audit", new StringContent(body), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private Task<long> Stored() => server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel);

    private static JsonNode Event(string id, string stage)
    {
        var item = JsonNode.Parse(Bodies.AuditList((id, "delete", "networkpolicies", "shop", "deny-all", "mallory")))!["items"]![0]!.DeepClone();
        item["stage"] = stage;
        return item;
    }

    private static string List(params JsonNode[] items) => new JsonObject
    {
        ["kind"] = "EventList",
        ["apiVersion"] = "audit.k8s.io/v1",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray(items),
    }.ToJsonString();

    [Fact]
    public async Task The_same_event_twice_in_one_batch_is_stored_once_and_counted_as_a_duplicate()
    {
        var (status, body) = await Post(List(Event("id-1", "ResponseComplete"), Event("id-1", "ResponseComplete")));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((2, 1), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
        Assert.Equal(1, await Stored());
    }

    [Fact]
    public async Task Stages_of_one_request_in_one_batch_are_each_stored_and_a_retry_is_all_duplicates()
    {
        var batch = List(Event("id-2", "RequestReceived"), Event("id-2", "ResponseComplete"));

        var (first, body1) = await Post(batch);
        var (second, body2) = await Post(batch);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second));
        Assert.Equal((2, 0), (body1!["accepted"]!.GetValue<int>(), body1["duplicates"]!.GetValue<int>()));
        Assert.Equal((2, 2), (body2!["accepted"]!.GetValue<int>(), body2["duplicates"]!.GetValue<int>()));
        Assert.Equal(2, await Stored());
    }

    [Fact]
    public async Task A_request_that_panicked_raises_nothing_even_without_its_status()
    {
        var panic = Event("id-3", "Panic");
        panic.AsObject().Remove("responseStatus");
        var tampering = Event("id-4", "ResponseComplete");
        tampering["requestReceivedTimestamp"] = "2024-03-01T10:00:01.000000Z";
        tampering["requestURI"] = "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/other";
        tampering["objectRef"]!["name"] = "other";

        var (status, _) = await Post(List(panic, tampering));
        await TestServer.Until(() => server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel).Result == 2);
        JsonArray alerts = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alerts.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
            alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        }

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(["NetworkPolicy shop/other"], alerts.Select(a => a!["object"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Events_without_auditID_are_accepted_and_the_stages_of_one_request_are_one_alert()
    {
        // Generated or hand-written events may lack auditID: the request is known by its time, user, verb, object and URI.
        JsonNode Lazy(string stage)
        {
            var e = Event("unused", stage);
            e.AsObject().Remove("auditID");
            return e;
        }

        var (status, body) = await Post(List(Lazy("RequestReceived"), Lazy("ResponseComplete")));
        var (again, retried) = await Post(List(Lazy("RequestReceived"), Lazy("ResponseComplete")));
        JsonArray alerts = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alerts.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
            alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        }
        await Task.Delay(1000, Cancel);
        alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (status, again));
        Assert.Equal((2, 0), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
        Assert.Equal(2, retried!["duplicates"]!.GetValue<int>());
        Assert.Equal(2, await Stored());
        Assert.Equal(["network-policy-tampering"], alerts.Select(a => a!["rule"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_batch_sent_again_while_the_first_is_being_committed_is_stored_once()
    {
        // The webhook's client times out and sends again while the first request still waits for its commit.
        for (var round = 0; round < 10; round++)
        {
            var batch = List(Event($"id-c{round}", "RequestReceived"), Event($"id-c{round}", "ResponseComplete"));
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(batch)));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
            Assert.Equal(6, answers.Sum(a => a.Body!["duplicates"]!.GetValue<int>()));
        }
        Assert.Equal(20, await Stored());
    }

    [Fact]
    public async Task The_newest_alerts_are_the_latest_in_time_whatever_order_their_batches_came_in()
    {
        var late = Event("id-late", "ResponseComplete");
        late["objectRef"]!["name"] = "late";
        late["requestURI"] = "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/late";
        late["requestReceivedTimestamp"] = "2024-03-01T11:00:00.000000Z";
        var early = Event("id-early", "ResponseComplete");
        early["objectRef"]!["name"] = "early";
        early["requestURI"] = "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/early";
        early["requestReceivedTimestamp"] = "2024-03-01T09:00:00.000000Z";

        await Post(List(late));
        await Post(List(early));
        JsonArray all = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (all.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
            all = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        }
        var newest = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts?limit=1", Cancel))!["alerts"]!.AsArray();

        Assert.Equal(["NetworkPolicy shop/early", "NetworkPolicy shop/late"], all.Select(a => a!["object"]!.GetValue<string>()));
        Assert.Equal(["NetworkPolicy shop/late"], newest.Select(a => a!["object"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_long_request_whose_stages_come_in_two_batches_is_one_alert()
    {
        // kubectl get secrets -A --watch: ResponseStarted when the watch opens, ResponseComplete minutes later, in another batch.
        JsonNode Watch(string stage)
        {
            var e = Event("id-w", stage);
            e["verb"] = "watch";
            e["requestURI"] = "/api/v1/secrets?watch=true";
            e["objectRef"] = new JsonObject { ["resource"] = "secrets", ["apiVersion"] = "v1" };
            return e;
        }

        await Post(List(Watch("RequestReceived"), Watch("ResponseStarted")));
        await TestServer.Until(() => server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel).Result == 2);
        await Task.Delay(1000, Cancel);
        await Post(List(Watch("ResponseComplete")));
        JsonArray alerts = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alerts.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
            alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        }
        await Task.Delay(3000, Cancel);
        alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();

        Assert.Equal(["secret-access"], alerts.Select(a => a!["rule"]!.GetValue<string>()));
    }
}
