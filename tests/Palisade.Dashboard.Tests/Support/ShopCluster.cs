using Microsoft.Extensions.Logging;
using Palisade.Server;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Dashboard.Tests.Support;

/// <summary>
/// examples/shop served by the in-process fake API server, watched by <c>palisade serve</c> started in-process with a
/// token file; <see cref="Page"/> opens a browser page on it.
/// </summary>
public sealed class ShopCluster : IAsyncDisposable
{
    /// <summary>The token the service accepts.</summary>
    public const string Token = "dashboard-test-token-0123456789";

    private ShopCluster(FakeApiServer api, RunningServer server, string directory)
    {
        Api = api;
        Server = server;
        Directory = directory;
    }

    /// <summary>The fake API server holding the example's objects.</summary>
    public FakeApiServer Api { get; }

    /// <summary>The running service.</summary>
    public RunningServer Server { get; }

    /// <summary>The service's address as the browser opens it: by the name localhost, the only one it resolves.</summary>
    public string BaseUrl => new UriBuilder(Server.Address) { Host = "localhost" }.Uri.ToString();

    /// <summary>A client of the service's API sending the test token.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Server.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Its folder (store, token file, kubeconfig).</summary>
    public string Directory { get; }

    /// <summary>The example's folder.</summary>
    public static string Example => RepoPaths.InRepo("examples", "shop");

    /// <summary>Starts both and waits until the service has the cluster listed.</summary>
    public static async Task<ShopCluster> StartAsync(string? manifests = null, TimeSpan? watchTimeout = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var api = await FakeApiServer.StartAsync(cancellationToken: cancel);
        if (manifests is null)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Example, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                api.AddManifests(await File.ReadAllTextAsync(file, cancel));
        }
        else
        {
            api.AddManifests(manifests);
        }
        var directory = System.IO.Directory.CreateTempSubdirectory("palisade-dashboard-").FullName;
        var tokens = Path.Combine(directory, "tokens");
        await File.WriteAllTextAsync(tokens, $"{Token},tester\n", cancel);
        var options = new ServeOptions
        {
            Listen = "127.0.0.1:0",
            TokenFile = tokens,
            Kubeconfig = api.WriteKubeconfig(Path.Combine(directory, "kubeconfig")),
            DataDirectory = directory,
            WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5),
        };
        var server = await ServerHost.StartAsync(options, cancel, logging => logging.ClearProviders());
        var cluster = new ShopCluster(api, server, directory);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (server.State.Live?.Current is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service did not list the fake cluster within 60 s");
            await Task.Delay(50, cancel);
        }
        return cluster;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment; a leftover temp folder is harmless.
        }
    }
}
