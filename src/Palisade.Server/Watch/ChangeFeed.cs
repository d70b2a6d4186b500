using System.Threading.Channels;

namespace Palisade.Server.Watch;

/// <summary>
/// Hands every recorded change, as its JSON, to whoever listens now (the server-sent event stream; a dashboard later).
/// Each subscriber has a bounded queue of its own: a slow one loses its oldest pending changes, never slows the
/// applier or the others. Thread-safe.
/// </summary>
public sealed class ChangeFeed
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

    /// <summary>Sends a change to every subscriber.</summary>
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
    public sealed class Subscription(ChangeFeed feed, Channel<string> channel) : IDisposable
    {
        /// <summary>The changes, as they are recorded.</summary>
        public ChannelReader<string> Reader => channel.Reader;

        /// <inheritdoc />
        public void Dispose() => feed.Remove(channel);
    }
}
