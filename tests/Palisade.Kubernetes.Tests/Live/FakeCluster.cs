using Palisade.Kubernetes.Live;
using Palisade.Model;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>A fake API server with a kubeconfig for it in a temporary folder, and a live read of it.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly TempDirectory folder = new();

    private FakeCluster(FakeApiServer api) => Api = api;

    public FakeApiServer Api { get; }

    /// <summary>The admin kubeconfig of the server.</summary>
    public string Kubeconfig => Api.WriteKubeconfig(folder.File("kubeconfig"));

    public string Folder => folder.Path;

    public static async Task<FakeCluster> StartAsync(string? manifests = null)
    {
        var api = await FakeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        if (manifests is not null)
            api.AddManifests(manifests);
        return new FakeCluster(api);
    }

    /// <summary>A request for this server as admin, not looking at the machine's own kubeconfig or KUBECONFIG.</summary>
    public LiveRequest Request(string? kubeconfig = null) => new()
    {
        Kubeconfig = kubeconfig ?? Kubeconfig,
        KubeconfigVariable = null,
        DefaultKubeconfig = folder.File("no-default-kubeconfig"),
    };

    /// <summary>Reads the cluster; the builder rejects duplicates, so an object read twice fails the test.</summary>
    public (Cluster Cluster, LiveRead Read) Read(LiveRequest request)
    {
        var builder = new ClusterBuilder(DuplicateRule.Reject);
        var read = LiveSource.Read(request, builder, cancellationToken: TestContext.Current.CancellationToken);
        return (builder.Build(), read);
    }

    /// <summary>The one-line error of a read that fails.</summary>
    public InvalidInputException Error(LiveRequest request) =>
        Assert.Throws<InvalidInputException>(() => LiveSource.Read(request, new ClusterBuilder(DuplicateRule.Reject), cancellationToken: TestContext.Current.CancellationToken));

    /// <summary>The list requests of the resource, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Lists(FakeResource resource) =>
        [.. Api.Requests.Where(r => r.Verb == "list" && r.Resource == resource)];

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        folder.Dispose();
    }
}
