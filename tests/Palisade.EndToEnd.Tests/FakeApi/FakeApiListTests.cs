using System.Net;
using System.Text.Json.Nodes;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.FakeApi;

/// <summary>The fake API server's lists, objects and discovery, read over HTTP as a client would.</summary>
public sealed class FakeApiListTests : IAsyncLifetime
{
    private FakeApiServer api = null!;

    public async ValueTask InitializeAsync()
    {
        api = await FakeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.InRepo("examples", "shop"), "*.yaml", SearchOption.AllDirectories))
            api.AddManifests(File.ReadAllText(file));
    }

    public async ValueTask DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(19)]
    [InlineData(500)]
    public async Task Paging_returns_every_object_exactly_once(int limit)
    {
        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await GetJson($"apis/networking.k8s.io/v1/networkpolicies?limit={limit}" + (next is null ? "" : $"&continue={next}"));
            names.AddRange(page["items"]!.AsArray().Select(i => $"{i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}"));
            next = page["metadata"]!["continue"]?.GetValue<string>();
            var remaining = page["metadata"]!["remainingItemCount"]?.GetValue<int>() ?? 0;
            Assert.Equal(19 - names.Count, remaining);
            pages++;
        }
        while (next is not null);

        Assert.Equal(19, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal((19 + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task A_list_has_the_list_kind_and_items_without_kind_as_the_real_server_writes_them()
    {
        var list = await GetJson("api/v1/namespaces/shop-api/services");

        Assert.Equal("ServiceList", list["kind"]!.GetValue<string>());
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.NotNull(list["metadata"]!["resourceVersion"]);
        var items = list["items"]!.AsArray();
        Assert.Equal(["cart", "catalog", "checkout"], items.Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Null(i!["kind"]));
        Assert.Equal(50051, items[0]!["spec"]!["ports"]![0]!["port"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_bad_continue_token_is_a_bad_request()
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync("api/v1/pods?limit=1&continue=bogus", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task One_object_is_served_and_a_missing_one_is_not_found()
    {
        var policy = await GetJson("apis/networking.k8s.io/v1/namespaces/shop-api/networkpolicies/default-deny-all");
        Assert.Equal("NetworkPolicy", policy["kind"]!.GetValue<string>());

        using var client = api.CreateClient();
        using var missing = await client.GetAsync("apis/networking.k8s.io/v1/namespaces/shop-api/networkpolicies/none", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var status = JsonNode.Parse(await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("networkpolicies.networking.k8s.io \"none\" not found", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_shows_a_custom_resource_once_it_is_installed()
    {
        var before = await GetJson("apis");
        Assert.DoesNotContain(before["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "policy.networking.k8s.io");

        api.Serve(FakeResources.AdminNetworkPolicies);

        var groups = await GetJson("apis");
        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "policy.networking.k8s.io");
        var resources = await GetJson("apis/policy.networking.k8s.io/v1alpha1");
        Assert.Equal("adminnetworkpolicies", resources["resources"]![0]!["name"]!.GetValue<string>());
        var crds = await GetJson("apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        Assert.Equal("adminnetworkpolicies.policy.networking.k8s.io", crds["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Adding_a_known_custom_resource_installs_it()
    {
        api.AddManifests("""
            apiVersion: security.istio.io/v1beta1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            """);

        var list = await GetJson("apis/security.istio.io/v1/peerauthentications");

        var item = list["items"]![0]!;
        Assert.Equal("security.istio.io/v1", item["apiVersion"]!.GetValue<string>());
        Assert.Equal("PeerAuthentication", item["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Kubectl_reads_the_fake_in_pages_and_palisade_reads_its_dump_as_the_example()
    {
        if (ExternalCommand.Which("kubectl") is null)
            TestEnvironment.Unavailable("kubectl is not on PATH (Debian's kubernetes-client)");
        using var dir = new TempDirectory();
        var kubeconfig = api.WriteKubeconfig(Path.Combine(dir.Path, "kubeconfig"));

        var get = ExternalCommand.Run("kubectl", ["--kubeconfig", kubeconfig, "get", "--chunk-size=4", "-A", "-o", "yaml",
            "namespaces,deployments,statefulsets,daemonsets,cronjobs,services,networkpolicies,serviceaccounts,clusterroles,clusterrolebindings"]).Ok("kubectl get");
        File.WriteAllText(Path.Combine(dir.Path, "dump.yaml"), get.Output);

        var fromDump = CliRun.Of("connectivity", Path.Combine(dir.Path, "dump.yaml"));
        Assert.Equal(CliRun.Of("connectivity", RepoPaths.InRepo("examples", "shop")).Output, fromDump.Output);
        Assert.Contains(api.Requests, r => r.Resource == FakeResources.NetworkPolicies && r.Continue is not null);
    }

    [Fact]
    public async Task Plain_http_serves_the_same_to_a_client_that_sends_its_token()
    {
        await using var plain = await FakeApiServer.StartAsync(https: false, TestContext.Current.CancellationToken);
        plain.AddManifests(File.ReadAllText(RepoPaths.InRepo("examples", "shop", "namespaces.yaml")));
        using var client = plain.CreateClient();

        var list = JsonNode.Parse(await client.GetStringAsync("api/v1/namespaces", TestContext.Current.CancellationToken))!;

        Assert.Equal(Uri.UriSchemeHttp, plain.BaseAddress.Scheme);
        Assert.Equal(5, list["items"]!.AsArray().Count);
    }

    private async Task<JsonNode> GetJson(string path)
    {
        using var client = api.CreateClient();
        var text = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!;
    }
}
