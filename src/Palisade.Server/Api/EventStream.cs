using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Api;

/// <summary>Writes a feed to a client as server-sent events, one event per published JSON, until the client goes away.</summary>
public static class EventStream
{
    /// <summary>Streams <paramref name="feed"/> as events named <paramref name="name"/>.</summary>
    public static async Task WriteAsync(HttpContext context, EventFeed feed, string name)
    {
        // Subscribed before the first byte, so nothing published after the client sees the stream open is missed.
        using var subscription = feed.Subscribe();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync($": palisade {name} stream\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await foreach (var json in subscription.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
