namespace Palisade.Server.Tests.Api;

/// <summary>The feed behind the event streams: a subscriber too far behind is ended, so that its client resumes from the store.</summary>
public sealed class EventFeedTests
{
    [Fact]
    public async Task A_subscriber_too_far_behind_gets_what_it_holds_then_its_stream_ends_instead_of_losing_the_oldest_events_silently()
    {
        var feed = new EventFeed();
        using var subscription = feed.Subscribe();
        for (var id = 1; id <= 1100; id++)
            feed.Publish(id, "{}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        var ids = new List<long>();
        await foreach (var e in subscription.Reader.ReadAllAsync(timeout.Token))
            ids.Add(e.Id);

        // An EventSource whose stream ends reconnects with the last id it got and reads the rest from the store.
        Assert.Equal(Enumerable.Range(1, 1024).Select(i => (long)i), ids);
    }
}
