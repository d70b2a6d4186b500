using System.Threading.Channels;

namespace Palisade.Server;

/// <summary>
/// Hands every event of one kind (a recorded change, a stored alert), as its JSON with its growing id (the change's or
/// alert's sequence in the store), to whoever listens now (the server-sent event streams the dashboard reads). What a
/// client reconnecting missed is read from the store, not kept here: the store holds it across restarts. Each subscriber
/// has a bounded queue of its own: one that falls that far behind is ended after the events it holds (its client
/// reconnects with the last id it got and reads the rest from the store), and never slows the publisher or the others.
/// Thread-safe.
/// </summary>
public sealed class EventFeed
{
    private const int PerSubscriber = 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<FeedEvent>> _subscribers = [];
    private long _lastId;

    /// <summary>A subscription: read events from its reader; dispose to stop.</summary>
    public Subscription Subscribe()
    {
        // Not DropOldest: a stream that went on after dropping events would lose them without its client knowing.
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(PerSubscriber) { FullMode = BoundedChannelFullMode.Wait });
        lock (_gate)
            _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    /// <summary>Sends an event to every subscriber under its own id (a change's or an alert's sequence number), which must grow.</summary>
    public void Publish(long id, string json)
    {
        lock (_gate)
            Send(new FeedEvent(id, json));
    }

    /// <summary>The id of the last event published by this process (0 before the first).</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
                return _lastId;
        }
    }

    private void Send(FeedEvent e)
    {
        _lastId = e.Id;
        List<Channel<FeedEvent>>? behind = null;
        foreach (var subscriber in _subscribers)
        {
            if (!subscriber.Writer.TryWrite(e))
                (behind ??= []).Add(subscriber);
        }
        foreach (var subscriber in behind ?? [])
        {
            // Full: its reader ends after the events it holds, so the client reconnects and resumes from the store.
            subscriber.Writer.TryComplete();
            _subscribers.Remove(subscriber);
        }
    }

    private void Remove(Channel<FeedEvent> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    /// <summary>One listener's queue.</summary>
    public sealed class Subscription(EventFeed feed, Channel<FeedEvent> channel) : IDisposable
    {
        /// <summary>The events, as they are published.</summary>
        public ChannelReader<FeedEvent> Reader => channel.Reader;

        /// <inheritdoc />
        public void Dispose() => feed.Remove(channel);
    }
}
