namespace Palisade.Flows.Formats;

/// <summary>What one line offered to a <see cref="ContainerLogJoin"/> turned out to be.</summary>
internal enum ContainerLogStep
{
    /// <summary>A whole line: its content is the record (<see cref="ContainerLogJoin.Content"/>).</summary>
    Line,

    /// <summary>A part of a line split by the runtime or by Docker: offer the next line.</summary>
    Part,

    /// <summary>The last part: the line joined from its parts is the record (<see cref="ContainerLogJoin.Joined"/>).</summary>
    Joined,

    /// <summary>A line of the other stream between the parts of a line: skipped, the join goes on.</summary>
    OtherStream,

    /// <summary>The line offered is malformed (<see cref="ContainerLogJoin.Problem"/>).</summary>
    Malformed,

    /// <summary>The parts so far are malformed (<see cref="ContainerLogJoin.Problem"/>); the line offered, which is none of them, is to be offered again.</summary>
    Unfinished,
}
