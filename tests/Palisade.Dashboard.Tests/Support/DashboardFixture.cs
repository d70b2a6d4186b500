using Microsoft.Playwright;

namespace Palisade.Dashboard.Tests.Support;

/// <summary>One shop cluster, its service and a browser, shared by the tests of a class that only read.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The cluster and service.</summary>
    public ShopCluster Cluster { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Cluster = await ShopCluster.StartAsync();
    }

    /// <summary>A page signed in through the login form, at the view asked for.</summary>
    public Task<IPage> SignedInAsync(string fragment = "#/overview") => Pages.SignedInAsync(Browser, Cluster, fragment);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
