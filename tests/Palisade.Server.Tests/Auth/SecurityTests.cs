using System.Net;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Auth;

/// <summary>No endpoint but health answers without a valid token; options that would expose the service unauthenticated are refused.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await TestServer.StartAsync(TestServer.WithTokens);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/" },
        { "GET", "/metrics" },
        { "GET", "/api/v1/connectivity" },
        { "GET", "/api/v1/eval?src=a/b&dst=c/d&port=80" },
        { "GET", "/api/v1/findings" },
        { "GET", "/api/v1/alerts" },
        { "GET", "/api/v1/changes" },
        { "GET", "/api/v1/changes/stream" },
        { "GET", "/api/v1/alerts/stream" },
        { "GET", "/api/v1/flows" },
        { "POST", "/api/v1/ingest/hubble" },
        { "POST", "/api/v1/ingest/flows?format=csv" },
        { "POST", "/api/v1/ingest/audit" },
        { "GET", "/api/v1/no-such-thing" },
        { "GET", "/api/v1/changes/1" },
        { "GET", "/api/v1/overview" },
        { "POST", "/api/v1/whatif" },
        { "POST", "/api/v1/session" },
        { "GET", "/dashboard/app.js" },
        { "HEAD", "/api/v1/alerts?after=1-1" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_valid_token_every_endpoint_but_health_is_401(string method, string path)
    {
        foreach (var token in new string?[] { null, "wrong-token-0123456789", "" })
        {
            using var client = token is null ? new HttpClient { BaseAddress = server.Server.Address } : server.Authorized(token);
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = method == "POST" ? new StringContent(Bodies.Hubble(0, 1)) : null };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        Assert.Equal(0, await server.Server.State.Store.CountSinceAsync(Palisade.Server.Storage.RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("healthz/")]
    [InlineData("readyz/")]
    public async Task Health_answers_without_a_token(string path)
    {
        // Routing serves /healthz/ as /healthz, so a probe configured with the slash must not need a token either.
        using var response = await server.Client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("healthz", true)]
    [InlineData("readyz", true)]
    [InlineData("metrics", false)]
    [InlineData("api/v1/alerts", false)]
    [InlineData("api/v1/flows", false)]
    [InlineData("api/v1/changes", false)]
    public async Task Head_answers_as_get_without_a_body(string path, bool isPublic)
    {
        // Uptime checkers and curl -I ask HEAD; RFC 9110 has every GET resource answer it.
        using var client = isPublic ? new HttpClient { BaseAddress = server.Server.Address } : server.Authorized();
        using var get = await client.GetAsync(path, Cancel);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Cancel);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Head_needs_the_token_as_get_does()
    {
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/v1/alerts"), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
    }

    [Fact]
    public async Task With_the_token_the_api_answers()
    {
        using var client = server.Authorized();
        using var alerts = await client.GetAsync("api/v1/alerts", Cancel);
        using var metrics = await client.GetAsync("metrics", Cancel);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (alerts.StatusCode, metrics.StatusCode));
        Assert.Contains("palisade_ingest_queue_records", await metrics.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_path_in_capitals_reaches_the_same_endpoint_so_access_reviews_must_read_it_alike()
    {
        using var client = server.Authorized();
        using var response = await client.GetAsync("API/V1/ALERTS", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"alerts\":", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_malformed_query_is_400_as_json()
    {
        using var client = server.Authorized();
        using var response = await client.GetAsync("api/v1/alerts?since=yesterday", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\":\"since:", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("0.0.0.0:8080", true, null, "--insecure-no-auth")]
    [InlineData("127.0.0.1:8080", false, null, "authentication is required")]
    [InlineData("127.0.0.1:8080", true, "nowhere.pem", "--tls-cert and --tls-key go together")]
    [InlineData("localhost", true, null, "--listen")]
    public void Options_that_would_expose_the_service_are_bad_input(string listen, bool insecure, string? cert, string expected)
    {
        var options = new ServeOptions { Listen = listen, InsecureNoAuth = insecure, TlsCert = cert };
        var e = Assert.Throws<InvalidInputException>(options.Validate);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Auth_kubernetes_without_watching_needs_a_cluster_to_ask()
    {
        var options = new ServeOptions { Listen = "127.0.0.1:8080", KubernetesAuth = true, NoWatch = true };
        var e = Assert.Throws<InvalidInputException>(options.Validate);
        Assert.Contains("--auth kubernetes needs a cluster to ask", e.Message);
        (options with { Kubeconfig = "kubeconfig.yaml" }).Validate();
    }
}
