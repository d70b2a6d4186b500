namespace Palisade.Input;

/// <summary>
/// Record streams taken side by side in time order: the stream whose next record is earliest goes first (ties in stream
/// order), each stream's own order kept. Holds one record per stream. Not thread-safe.
/// </summary>
internal static class TimeOrderedMerge
{
    /// <summary>At most this many files are read side by side (each holds a buffer and a handle); more, one after the other.</summary>
    public const int MaxStreams = 256;

    /// <summary>The records of every stream, merged by <paramref name="time"/>; every stream is disposed when the merge ends or is left.</summary>
    public static IEnumerable<T> Of<T>(IReadOnlyList<IEnumerable<T>> streams, Func<T, DateTimeOffset> time)
    {
        var readers = new List<IEnumerator<T>>(streams.Count);
        try
        {
            var next = new PriorityQueue<int, (long Ticks, int Stream)>(streams.Count);
            for (var i = 0; i < streams.Count; i++)
            {
                readers.Add(streams[i].GetEnumerator());
                if (readers[i].MoveNext())
                    next.Enqueue(i, (time(readers[i].Current).UtcTicks, i));
            }
            while (next.TryDequeue(out var stream, out _))
            {
                var reader = readers[stream];
                yield return reader.Current;
                if (reader.MoveNext())
                    next.Enqueue(stream, (time(reader.Current).UtcTicks, stream));
            }
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }
}
