using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Palisade.Input;

/// <summary>
/// Runs a sequence on a thread of its own, a bounded number of items ahead of the reader, so that parsing a file and
/// judging its records use two cores: order is kept, memory is bounded by <c>batch × batches</c> items, and what the
/// sequence throws is thrown to the reader after the items before it.
/// </summary>
/// <remarks>
/// Items are handed over in batches (one handover per batch), so the reader sees an item only once its batch is full or
/// the sequence has ended: for a stream read as it comes (standard input, where a result is wanted per record as soon
/// as it arrives) read the sequence directly instead. Leaving the loop early stops the producing thread.
/// </remarks>
public static class ReadAhead
{
    /// <summary>The items of <paramref name="source"/>, produced on another thread.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batch = 4096, int batches = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        return Consume(source, batch, batches);
    }

    private static IEnumerable<T> Consume<T>(IEnumerable<T> source, int batch, int batches)
    {
        using var queue = new BlockingCollection<T[]>(batches);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() => failure = Produce(source, queue, batch, stop.Token)) { IsBackground = true, Name = "read-ahead" };
        producer.Start();
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
            {
                foreach (var item in items)
                    yield return item;
            }
            producer.Join();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }

    /// <summary>
    /// The items of a stream read as it comes (standard input), each handed over as soon as it is produced, and an empty
    /// batch after every <paramref name="idle"/> without one: a reader that holds items back for later evidence can let
    /// them go when the stream falls quiet, instead of waiting for the next item, which may be long in coming.
    /// </summary>
    public static IEnumerable<IReadOnlyList<T>> Live<T>(IEnumerable<T> source, TimeSpan idle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero);
        return ConsumeLive(source, idle);
    }

    private static IEnumerable<IReadOnlyList<T>> ConsumeLive<T>(IEnumerable<T> source, TimeSpan idle)
    {
        // Neither is disposed: the producer may sit in a blocking read of the stream when the reader leaves, so it is not
        // waited for, and it must still find them usable (cancelled) when the read returns.
        var queue = new BlockingCollection<T[]>(4096);
        var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() => failure = Produce(source, queue, 1, stop.Token)) { IsBackground = true, Name = "live-read" };
        producer.Start();
        try
        {
            while (true)
            {
                if (queue.TryTake(out var items, idle))
                    yield return items;
                else if (queue.IsCompleted)
                    break;
                else
                    yield return [];
            }
            producer.Join();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
        }
    }

    /// <summary>Fills the queue in batches until the source ends, fails or the reader leaves; what it failed with, if it did.</summary>
    private static ExceptionDispatchInfo? Produce<T>(IEnumerable<T> source, BlockingCollection<T[]> queue, int batch, CancellationToken stop)
    {
        var items = new List<T>(batch);
        try
        {
            foreach (var item in source)
            {
                items.Add(item);
                if (items.Count < batch)
                    continue;
                queue.Add([.. items], stop);
                items.Clear();
            }
            Flush(queue, items, stop);
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            // The items read before the failure are the reader's too (alerts on them still stream out).
            Flush(queue, items, stop);
            return ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private static void Flush<T>(BlockingCollection<T[]> queue, List<T> items, CancellationToken stop)
    {
        if (items.Count == 0)
            return;
        try
        {
            queue.Add([.. items], stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader left: nobody wants them.
        }
        items.Clear();
    }
}
