using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>Turns one entry into a record, or reports it (malformed, skipped) and gives none.</summary>
internal interface IEntryParser
{
    /// <summary>The record in <paramref name="entry"/>, or null when there is none to give.</summary>
    FlowRecord? Parse(ReadOnlySpan<byte> entry, SourceLocation location);
}
