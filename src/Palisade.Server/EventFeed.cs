using System.Threading.Channels;

namespace Palisade.Server;

/// <summary>
/// Hands every event of one kind (a recorded change, a stored alert), as its JSON, to whoever listens now (the
/// server-sent event streams the dashboard reads). Each subscriber has a bounded queue of its own: a slow one loses
/// its oldest pending events, never slows the publisher or the others. Thread-safe.
/// </summary>
public sealed class EventFeed
{
    private const int PerSubscriber = 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];

    /// <summary>A subscription: read changes from its reader; dispose to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(PerSubscriber) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
            _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    /// <summary>Sends an event to every subscriber.</summary>
    public void Publish(string json)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(json);
        }
    }

    private void Remove(Channel<string> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    /// <summary>One listener's queue.</summary>
    public sealed class Subscription(EventFeed feed, Channel<string> channel) : IDisposable
    {
        /// <summary>The events, as they are published.</summary>
        public ChannelReader<string> Reader => channel.Reader;

        /// <inheritdoc />
        public void Dispose() => feed.Remove(channel);
    }
}
