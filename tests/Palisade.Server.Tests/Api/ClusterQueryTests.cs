using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// The live-state routes on a watched cluster (the fake API server), with their parameters as an operator types them:
/// eval's endpoints, port and protocol; the formats of connectivity and findings; changes with what they closed.
/// </summary>
public sealed class ClusterQueryTests() : WatchedClusterTest(Manifests)
{
    // web admits only api on TCP 80 (named http).
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 80}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api}}
        spec: {containers: [{name: api, image: api}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 80, protocol: TCP}]}]
        """;

    private async Task<(HttpStatusCode Status, string Text, string? MediaType)> Get(string path)
    {
        using var response = await Server.Client.GetAsync(path, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("src=shop/api&dst=shop/web&port=80", true)]
    [InlineData("src=shop/api&dst=shop/web&port=http", true)]
    [InlineData("src=shop/api&dst=shop/web&port=80&protocol=tcp", true)]
    [InlineData("src=shop/api&dst=shop/web&port=80&protocol=UDP", false)]
    [InlineData("src=shop/api&dst=shop/web&port=81", false)]
    public async Task Eval_answers_as_palisade_eval(string query, bool allowed)
    {
        var (status, text, _) = await Get("api/v1/eval?" + query);

        Assert.True(status == HttpStatusCode.OK, text);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(allowed, body["allowed"]!.GetValue<bool>());
        Assert.StartsWith(body["verdict"]!.GetValue<string>(), body["explanation"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("src=shop/nosuch&dst=shop/web&port=80", "source: unknown endpoint shop/nosuch")]
    [InlineData("src=shop/api&dst=web&port=80", "destination: ")]
    [InlineData("src=shop/api&dst=shop/web&port=0", "port: ")]
    [InlineData("src=shop/api&dst=shop/web&port=65536", "port: ")]
    [InlineData("src=shop/api&dst=shop/web&port=https", "port: ")]
    [InlineData("src=shop/api&dst=203.0.113.9&port=https", "port: ")]
    [InlineData("src=shop/api&dst=shop/web", "port is required")]
    [InlineData("dst=shop/web&port=80", "src is required")]
    [InlineData("src=shop/api&dst=shop/web&port=80&protocol=ICMP", "protocol: ")]
    [InlineData("src=shop/web&dst=shop/web&port=80", "destination: source and destination are the same pod")]
    public async Task Eval_with_a_bad_parameter_is_400_naming_it(string query, string expected)
    {
        var (status, text, _) = await Get("api/v1/eval?" + query);

        Assert.True(status == HttpStatusCode.BadRequest, text);
        Assert.StartsWith(expected, JsonNode.Parse(text)!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api/v1/connectivity?format=xml", "txt")]
    [InlineData("api/v1/findings?format=txt", "sarif")]
    [InlineData("api/v1/changes?since=2020-01-01T00:00:00Z&format=yaml", "txt")]
    public async Task An_unknown_format_is_400_listing_the_formats(string path, string listed)
    {
        var (status, text, _) = await Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonNode.Parse(text)!["error"]!.GetValue<string>();
        Assert.StartsWith("format: ", error);
        Assert.Contains(listed, error);
    }

    [Theory]
    [InlineData("api/v1/changes?since=2000-01-01T00:00:00Z&format=txt", "since: ")]
    [InlineData("api/v1/connectivity?at=2000-01-01T00:00:00Z", "at: ")]
    [InlineData("api/v1/changes?format=txt", "since is required")]
    public async Task A_time_before_the_states_kept_is_400_naming_its_parameter(string path, string expected)
    {
        var (status, text, _) = await Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, JsonNode.Parse(text)!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connectivity_and_findings_answer_in_the_formats_of_the_contract()
    {
        var (txtStatus, txt, txtType) = await Get("api/v1/connectivity?format=txt");
        var (jsonStatus, json, jsonType) = await Get("api/v1/connectivity?format=json");
        var (findingsStatus, findings, _) = await Get("api/v1/findings?format=json");
        var (sarifStatus, sarif, _) = await Get("api/v1/findings?format=sarif");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [txtStatus, jsonStatus, findingsStatus, sarifStatus]);
        Assert.Equal(("text/plain", "application/json"), (txtType, jsonType));
        Assert.Contains("shop/api[Pod] => shop/web[Pod] : TCP 80", txt);
        Assert.NotNull(JsonNode.Parse(json));
        Assert.NotNull(JsonNode.Parse(findings));
        Assert.Equal("2.1.0", JsonNode.Parse(sarif)!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_policy_added_is_a_change_with_the_lines_it_closed()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var added = Api.Add(ManifestYaml.ToJson("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """)[0]);
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count > 0);

        var (status, text, _) = await Get("api/v1/changes?since=" + before);

        Assert.True(status == HttpStatusCode.OK, text);
        var change = JsonNode.Parse(text)!["changes"]!.AsArray().Single()!;
        Assert.Contains(change["objects"]!.AsArray(), o => o!["object"]!.GetValue<string>() == "NetworkPolicy shop/deny-all");
        Assert.Empty(change["opened"]!.AsArray());
        Assert.Contains(change["closed"]!.AsArray(), l => l!.GetValue<string>().StartsWith("shop/web[Pod] => shop/api[Pod]", StringComparison.Ordinal));
        var (futureStatus, future, _) = await Get("api/v1/changes?since=2999-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, futureStatus);
        Assert.Empty(JsonNode.Parse(future)!["changes"]!.AsArray());
    }

    [Fact]
    public async Task Since_a_changes_own_time_the_diff_holds_that_change_as_the_list_does()
    {
        var added = Api.Add(ManifestYaml.ToJson("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """)[0]);
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count > 0);
        var (_, listed, _) = await Get("api/v1/changes");
        var time = JsonNode.Parse(listed)!["changes"]!.AsArray().Single()!["time"]!.GetValue<string>();

        var (listStatus, list, _) = await Get("api/v1/changes?since=" + time);
        var (diffStatus, diff, _) = await Get("api/v1/changes?format=txt&since=" + time);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (listStatus, diffStatus));
        Assert.Single(JsonNode.Parse(list)!["changes"]!.AsArray());
        Assert.Contains("diff-type: removed, source: shop/web[Pod], destination: shop/api[Pod]", diff, StringComparison.Ordinal);
    }
}
