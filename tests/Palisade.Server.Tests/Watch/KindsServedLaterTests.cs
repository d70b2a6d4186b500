using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Watch;

/// <summary>
/// A kind whose CRD is installed after the service started (the AdminNetworkPolicy CRD with a CNI upgrade) is watched once
/// discovery serves it, and a kind whose CRD is deleted (the API server deletes its objects with it) leaves the state.
/// On the fake: the real test server (1.20, built with a newer Go) crashes on creating a custom resource.
/// </summary>
public sealed class KindsServedLaterTests : IAsyncLifetime
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {kubernetes.io/metadata.name: shop}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: shop, labels: {app: client}}
        spec: {containers: [{name: client, image: client}]}
        """;

    private const string Isolate = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: isolate-shop}
        spec:
          priority: 10
          subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}
          ingress: [{name: no-pods, action: Deny, from: [{namespaces: {}}]}]
        """;

    private const string Pair = "shop/client[Pod] => shop/web[Pod] : All Connections";

    private FakeApiServer api = null!;
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddManifests(Manifests);
        server = await TestServer.StartAsync((o, directory) => o with
        {
            NoWatch = false,
            Kubeconfig = api.WriteKubeconfig(Path.Combine(directory, "kubeconfig")),
            WatchTimeout = TimeSpan.FromSeconds(1),
            DiscoveryInterval = TimeSpan.FromMilliseconds(500),
        });
        await TestServer.Until(() => server.Server.State.Live!.Current is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await api.DisposeAsync();
    }

    private string Connectivity() => server.Client.GetStringAsync("api/v1/connectivity?format=txt", Cancel).GetAwaiter().GetResult();

    [Fact]
    public async Task An_admin_policy_whose_crd_is_installed_after_the_start_applies_and_goes_with_the_crd()
    {
        Assert.Contains(Pair, Connectivity());
        Assert.DoesNotContain("AdminNetworkPolicy", server.Server.State.Watch!.Kinds);

        api.AddManifests(Isolate);
        await TestServer.Until(() => !Connectivity().Contains(Pair, StringComparison.Ordinal));
        Assert.Contains("AdminNetworkPolicy", server.Server.State.Watch!.Kinds);
        Assert.Equal(["isolate-shop"], server.Server.State.Live!.Current!.Cluster.Network.AdminPolicies.Select(p => p.Name));

        api.Unserve(FakeResources.AdminNetworkPolicies);
        await TestServer.Until(() => Connectivity().Contains(Pair, StringComparison.Ordinal));
        Assert.Empty(server.Server.State.Live!.Current!.Cluster.Network.AdminPolicies);
        Assert.DoesNotContain("AdminNetworkPolicy", server.Server.State.Watch!.Kinds);
    }
}
