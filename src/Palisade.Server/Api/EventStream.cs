using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Api;

/// <summary>
/// Writes a feed to a client as server-sent events, each with its <c>id:</c>, until the client goes away. A client
/// reconnecting with <c>Last-Event-ID</c> (an EventSource does it on its own) first gets the events after that id that
/// <c>missed</c> still finds, then the live ones.
/// </summary>
public static class EventStream
{
    /// <summary>Streams <paramref name="feed"/> as events named <paramref name="name"/>; <paramref name="missed"/> gives the events after an id.</summary>
    public static async Task WriteAsync(HttpContext context, EventFeed feed, string name, Func<long, CancellationToken, Task<IReadOnlyList<FeedEvent>>> missed)
    {
        // Subscribed before the first byte and before the missed events are read, so nothing published meanwhile is lost;
        // an event both read and queued is sent once, by its id.
        using var subscription = feed.Subscribe();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync($": palisade {name} stream\n\n", context.RequestAborted).ConfigureAwait(false);
        try
        {
            var sent = long.MinValue;
            if (LastEventId(context) is { } last)
            {
                // An id above any this process published may come from a service whose store was replaced and numbers
                // again from 1: the events after what the feed has reached are sent, not held back until it passes that id.
                sent = Math.Min(last, feed.LastId);
                // Read again after each page until none is left: one read of the store holds at most 10,000, and a client
                // further behind would otherwise jump from those to the live events over a gap.
                var after = last;
                IReadOnlyList<FeedEvent> page;
                while ((page = await missed(after, context.RequestAborted).ConfigureAwait(false)).Count > 0)
                {
                    foreach (var e in page)
                        sent = await Write(context, name, e, sent).ConfigureAwait(false);
                    after = page[^1].Id;
                }
            }
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (var e in subscription.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                sent = await Write(context, name, e, sent).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    /// <summary>Writes the event unless an event with its id or a later one was sent; returns the last id sent.</summary>
    private static async Task<long> Write(HttpContext context, string name, FeedEvent e, long sent)
    {
        if (e.Id <= sent)
            return sent;
        await context.Response.WriteAsync($"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {name}\ndata: {e.Json}\n\n", context.RequestAborted).ConfigureAwait(false);
        return e.Id;
    }

    /// <summary>The <c>Last-Event-ID</c> header as one of our ids; anything else is read as a first connection.</summary>
    private static long? LastEventId(HttpContext context) =>
        long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
