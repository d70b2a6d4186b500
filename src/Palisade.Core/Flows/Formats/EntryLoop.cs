namespace Palisade.Flows.Formats;

/// <summary>The loop every reader runs: entries in, records out, lazily.</summary>
internal static class EntryLoop
{
    /// <summary>The records <paramref name="parser"/> finds in the entries of <paramref name="entries"/>.</summary>
    public static IEnumerable<FlowRecord> Records(IEntrySource entries, IEntryParser parser)
    {
        while (Next(entries, parser) is { } record)
            yield return record;
    }

    private static FlowRecord? Next(IEntrySource entries, IEntryParser parser)
    {
        while (entries.Next(out var entry))
        {
            if (parser.Parse(entry, entries.Location) is { } record)
                return record;
        }
        return null;
    }
}
