using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Support;

/// <summary>
/// A test class whose every test runs the service watching the fake API server, which serves the manifests given:
/// started before each test, both stopped after it.
/// </summary>
public abstract class WatchedClusterTest(string manifests) : IAsyncLifetime
{
    /// <summary>The fake API server the service watches.</summary>
    protected FakeApiServer Api { get; private set; } = null!;

    /// <summary>The service, once it has read the cluster.</summary>
    protected TestServer Server { get; private set; } = null!;

    /// <summary>The test's cancellation.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        Api.AddManifests(manifests);
        Server = await TestServer.WatchingAsync(Api);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
