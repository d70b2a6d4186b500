using System.Net;
using System.Text.Json.Nodes;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.FakeApi;

/// <summary>The fake API server's error paths: authentication, RBAC denials and injected faults.</summary>
public sealed class FakeApiFaultTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token";
    private FakeApiServer api = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddUser(ReaderToken, "system:serviceaccount:palisade:palisade");
        api.AddManifests("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: warehouse}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            """);
    }

    public async ValueTask DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-known-token")]
    public async Task Without_a_known_token_every_request_is_unauthorized(string? token)
    {
        using var client = api.CreateClient(token);
        using var response = await client.GetAsync("api/v1/pods", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("apis/networking.k8s.io/v1/networkpolicies",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"networkpolicies.networking.k8s.io is forbidden: User \"system:serviceaccount:palisade:palisade\" cannot list resource \"networkpolicies\" in API group \"networking.k8s.io\" at the cluster scope","reason":"Forbidden","details":{"group":"networking.k8s.io","kind":"networkpolicies"},"code":403}""")]
    [InlineData("api/v1/namespaces/shop/pods/web",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" is forbidden: User \"system:serviceaccount:palisade:palisade\" cannot get resource \"pods\" in API group \"\" in the namespace \"shop\"","reason":"Forbidden","details":{"name":"web","kind":"pods"},"code":403}""")]
    [InlineData("api/v1/pods?watch=true",
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \"system:serviceaccount:palisade:palisade\" cannot watch resource \"pods\" in API group \"\" at the cluster scope","reason":"Forbidden","details":{"kind":"pods"},"code":403}""")]
    public async Task A_forbidden_request_gets_the_real_servers_status(string path, string expected)
    {
        api.Forbid(r => r.User == "system:serviceaccount:palisade:palisade");
        using var client = api.CreateClient(ReaderToken);

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Forbidding_one_resource_leaves_the_others_readable()
    {
        api.Forbid(r => r.Resource == FakeResources.Secrets);
        using var client = api.CreateClient(ReaderToken);

        using var secrets = await client.GetAsync("api/v1/secrets", Cancel);
        using var pods = await client.GetAsync("api/v1/pods", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, secrets.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pods.StatusCode);
    }

    [Fact]
    public async Task A_slow_answer_outlasts_a_short_client_timeout_and_then_answers_again()
    {
        api.Inject(FakeFault.Slow(TimeSpan.FromSeconds(30)), r => r.Resource == FakeResources.Pods, times: 1);
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(3);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetStringAsync("api/v1/pods", Cancel));
        Assert.Contains("\"web\"", await client.GetStringAsync("api/v1/pods", Cancel));
    }

    [Fact]
    public async Task A_short_delay_still_answers()
    {
        api.Inject(FakeFault.Slow(TimeSpan.FromMilliseconds(200)));
        using var client = api.CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.Contains("\"web\"", await client.GetStringAsync("api/v1/pods", Cancel));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_request()
    {
        api.Inject(FakeFault.Drop(), times: 1);
        using var client = api.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("api/v1/pods", Cancel));
        Assert.Contains("\"web\"", await client.GetStringAsync("api/v1/pods", Cancel));
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_fails_the_read()
    {
        api.Inject(FakeFault.DropMidBody(), times: 1);
        using var client = api.CreateClient();

        var failure = await Record.ExceptionAsync(() => client.GetStringAsync("api/v1/pods", Cancel));

        Assert.True(failure is HttpRequestException or HttpIOException or IOException, failure?.ToString() ?? "no exception");
    }

    [Fact]
    public async Task An_expired_continue_token_is_gone()
    {
        api.Inject(FakeFault.ExpiredContinue(), r => r.Continue is not null);
        using var client = api.CreateClient();
        var first = JsonNode.Parse(await client.GetStringAsync("api/v1/namespaces?limit=1", Cancel))!;
        var token = first["metadata"]!["continue"]!.GetValue<string>();

        using var next = await client.GetAsync($"api/v1/namespaces?limit=1&continue={token}", Cancel);

        Assert.Equal(HttpStatusCode.Gone, next.StatusCode);
        var status = JsonNode.Parse(await next.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_request_is_recorded_with_its_user_and_verb()
    {
        using var client = api.CreateClient(ReaderToken);
        await client.GetStringAsync("api/v1/namespaces/shop/pods?limit=5", Cancel);

        var request = Assert.Single(api.Requests);
        Assert.Equal(("system:serviceaccount:palisade:palisade", "list", "shop", 5),
            (request.User, request.Verb, request.Namespace, request.Limit));
        Assert.Equal(FakeResources.Pods, request.Resource);
    }
}
