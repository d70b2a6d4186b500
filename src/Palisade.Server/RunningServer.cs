using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Server.Queue;

namespace Palisade.Server;

/// <summary>
/// A started service: its web application, shared state and background work. Disposing stops the listener, then the
/// background work (the ingestion writer commits what it accepted first), then closes the queue and the store.
/// </summary>
public sealed class RunningServer(WebApplication app, ServerState state, CancellationTokenSource stopping, List<Task> background, Action release, NatsQueue? queue)
    : IAsyncDisposable
{
    /// <summary>The web application.</summary>
    public WebApplication App { get; } = app;

    /// <summary>What the endpoints share.</summary>
    public ServerState State { get; } = state;

    /// <summary>The address actually listened on (the port chosen when 0 was asked).</summary>
    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await App.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(background), Task.Delay(TimeSpan.FromSeconds(15))).ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        release();
        if (queue is not null)
            await queue.DisposeAsync().ConfigureAwait(false);
        await State.Store.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
