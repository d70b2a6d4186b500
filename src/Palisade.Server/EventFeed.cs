using System.Threading.Channels;

namespace Palisade.Server;

/// <summary>
/// Hands every event of one kind (a recorded change, a stored alert), as its JSON with a growing id, to whoever listens
/// now (the server-sent event streams the dashboard reads), and keeps the latest ones so that a client reconnecting with
/// the last id it saw gets what it missed. Each subscriber has a bounded queue of its own: a slow one loses its oldest
/// pending events, never slows the publisher or the others. Thread-safe.
/// </summary>
public sealed class EventFeed
{
    private const int PerSubscriber = 1024;
    private const int Kept = 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<FeedEvent>> _subscribers = [];
    private readonly Queue<FeedEvent> _recent = new();
    private long _lastId;

    /// <summary>A subscription: read events from its reader; dispose to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(PerSubscriber) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
            _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    /// <summary>
    /// Sends an event to every subscriber under an id of the feed's own: the publishing time in microseconds (or one more
    /// than the last id), so ids keep growing across restarts and an id from before one is never taken for a later event.
    /// </summary>
    public void Publish(string json)
    {
        lock (_gate)
            Send(new FeedEvent(Math.Max(_lastId + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000), json));
    }

    /// <summary>Sends an event to every subscriber under its own id (a change's sequence number), which must grow.</summary>
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

    /// <summary>The events kept (the latest 1,024) whose id is above <paramref name="lastId"/>, oldest first.</summary>
    public IReadOnlyList<FeedEvent> After(long lastId)
    {
        lock (_gate)
            return [.. _recent.Where(e => e.Id > lastId)];
    }

    /// <summary><see cref="After"/> in the shape an event stream reads missed events.</summary>
    public Task<IReadOnlyList<FeedEvent>> AfterAsync(long lastId, CancellationToken cancellationToken) => Task.FromResult(After(lastId));

    private void Send(FeedEvent e)
    {
        _lastId = e.Id;
        _recent.Enqueue(e);
        if (_recent.Count > Kept)
            _recent.Dequeue();
        foreach (var subscriber in _subscribers)
            subscriber.Writer.TryWrite(e);
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
