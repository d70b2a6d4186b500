namespace Palisade.Flows.Formats;

/// <summary>
/// Record streams taken side by side in time order: the stream whose next record is earliest goes first (ties in stream
/// order), each stream's own order kept. Holds one record per stream. Not thread-safe.
/// </summary>
internal static class TimeOrderedMerge
{
    /// <summary>The records of every stream, merged; every stream is disposed when the merge ends or is left.</summary>
    public static IEnumerable<FlowRecord> Of(IReadOnlyList<IEnumerable<FlowRecord>> streams)
    {
        var readers = new List<IEnumerator<FlowRecord>>(streams.Count);
        try
        {
            var next = new PriorityQueue<int, (long Ticks, int Stream)>(streams.Count);
            for (var i = 0; i < streams.Count; i++)
            {
                readers.Add(streams[i].GetEnumerator());
                if (readers[i].MoveNext())
                    next.Enqueue(i, (readers[i].Current.Time.UtcTicks, i));
            }
            while (next.TryDequeue(out var stream, out _))
            {
                var reader = readers[stream];
                yield return reader.Current;
                if (reader.MoveNext())
                    next.Enqueue(stream, (reader.Current.Time.UtcTicks, stream));
            }
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }
}
