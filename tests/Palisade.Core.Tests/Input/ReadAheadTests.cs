using Palisade.Input;

namespace Palisade.Core.Tests.Input;

/// <summary>A sequence read ahead on another thread: same items in the same order, failures in place, bounded, stoppable.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void Items_come_in_order_across_batches()
    {
        var items = ReadAhead.Of(Enumerable.Range(0, 10_001), batch: 7, batches: 2).ToList();
        Assert.Equal(Enumerable.Range(0, 10_001), items);
    }

    [Fact]
    public void A_failure_comes_after_the_items_before_it()
    {
        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(FailingAfter(2550), batch: 100, batches: 3))
                seen.Add(item);
        });
        Assert.Equal("line 2551 is broken", error.Message);
        Assert.Equal(Enumerable.Range(0, 2550), seen);
    }

    [Fact]
    public void A_live_stream_hands_each_item_over_at_once_and_says_when_it_is_quiet()
    {
        // The source gives its second item only once the reader has seen the first alone and then a quiet spell, which
        // a reader of batches, or one without quiet spells, never does (the wait then times out and the test fails).
        var quiet = new ManualResetEventSlim();
        var seen = new List<string>();
        foreach (var batch in ReadAhead.Live(Stream(quiet), TimeSpan.FromMilliseconds(50)))
        {
            if (batch.Count == 0)
            {
                quiet.Set();
                if (seen.Count == 0 || seen[^1] != "quiet")
                    seen.Add("quiet");
                continue;
            }
            seen.AddRange(batch.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.Equal(["1", "quiet", "2"], seen);
    }

    [Fact]
    public void A_live_stream_s_failure_comes_after_its_items()
    {
        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in ReadAhead.Live(FailingAfter(3), TimeSpan.FromSeconds(30)))
                seen.AddRange(batch);
        });
        Assert.Equal("line 4 is broken", error.Message);
        Assert.Equal([0, 1, 2], seen);
    }

    private static IEnumerable<int> Stream(ManualResetEventSlim quiet)
    {
        yield return 1;
        Assert.True(quiet.Wait(TimeSpan.FromSeconds(30)), "the reader never heard the stream fall quiet");
        yield return 2;
    }

    [Fact]
    public void Leaving_early_stops_and_disposes_the_source()
    {
        var source = new CountingSource();
        foreach (var item in ReadAhead.Of(source.Items(), batch: 10, batches: 2))
        {
            if (item == 5)
                break;
        }
        Assert.True(source.Disposed);
        Assert.InRange(source.Produced, 6, 10 * (2 + 2));
    }

    [Fact]
    public void The_producer_waits_for_the_reader()
    {
        var source = new CountingSource();
        using var reader = ReadAhead.Of(source.Items(), batch: 10, batches: 3).GetEnumerator();
        Assert.True(reader.MoveNext());
        Thread.Sleep(300);
        // Three full batches queued, one being filled, one taken: an endless source would have run far past this.
        Assert.InRange(source.Produced, 10, 10 * (3 + 2));
    }

    private static IEnumerable<int> FailingAfter(int count)
    {
        for (var i = 0; i < count; i++)
            yield return i;
        throw new InvalidDataException($"line {count + 1} is broken");
    }

    /// <summary>An endless source that counts what it produced and knows whether it was disposed.</summary>
    private sealed class CountingSource
    {
        private int _produced;

        public int Produced => Volatile.Read(ref _produced);

        public bool Disposed { get; private set; }

        public IEnumerable<int> Items()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    Interlocked.Increment(ref _produced);
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }
}
