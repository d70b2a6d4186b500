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
