using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>A file cut into entries (lines, JSON objects), each with the location it starts at.</summary>
internal interface IEntrySource
{
    /// <summary>Where the entry last returned starts.</summary>
    SourceLocation Location { get; }

    /// <summary>The next entry's text; false at the end of the input.</summary>
    bool Next(out ReadOnlySpan<byte> entry);
}

/// <summary>Turns one entry into a record, or reports it (malformed, skipped) and gives none.</summary>
internal interface IEntryParser
{
    /// <summary>The record in <paramref name="entry"/>, or null when there is none to give.</summary>
    FlowRecord? Parse(ReadOnlySpan<byte> entry, SourceLocation location);
}

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
