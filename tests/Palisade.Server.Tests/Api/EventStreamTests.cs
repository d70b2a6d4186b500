using System.Text;
using Microsoft.AspNetCore.Http;
using Palisade.Server.Api;

namespace Palisade.Server.Tests.Api;

/// <summary>What an event stream sends a client reconnecting with <c>Last-Event-ID</c>.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task A_client_that_missed_more_than_one_read_of_the_store_holds_gets_every_missed_event_in_order()
    {
        // The store answers at most 2 at a time (10,000 in the service): a client 5 behind must get all 5, not 2 and then a gap.
        var stored = Enumerable.Range(11, 5).Select(i => new FeedEvent(i, $"{{\"n\":{i}}}")).ToList();
        Func<long, CancellationToken, Task<IReadOnlyList<FeedEvent>>> missed = (last, _) =>
            Task.FromResult<IReadOnlyList<FeedEvent>>([.. stored.Where(e => e.Id > last).Take(2)]);
        var context = new DefaultHttpContext();
        context.Request.Headers["Last-Event-ID"] = "10";
        var body = new MemoryStream();
        context.Response.Body = body;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        aborted.CancelAfter(TimeSpan.FromSeconds(1));
        context.RequestAborted = aborted.Token;

        await EventStream.WriteAsync(context, new EventFeed(), "alert", missed);

        var ids = Encoding.UTF8.GetString(body.ToArray()).Split('\n').Where(l => l.StartsWith("id: ", StringComparison.Ordinal)).Select(l => l["id: ".Length..]);
        Assert.Equal(["11", "12", "13", "14", "15"], ids);
    }
}
