namespace Palisade.Flows.Formats;

/// <summary>What a container's log line starts with before the line the program wrote.</summary>
internal enum ContainerLogWrapper
{
    /// <summary>Nothing: the line is the program's.</summary>
    None,

    /// <summary>A time and blanks: <c>kubectl logs --timestamps</c>, CloudWatch Logs' export, Fluentd's file output.</summary>
    Timestamp,

    /// <summary>The container runtime's (CRI) log: the time, the stream and <c>F</c> for a whole line or <c>P</c> for a part.</summary>
    Cri,

    /// <summary>Docker's json-file record: <c>{"log":"…\n","stream":"stdout","time":"…"}</c>.</summary>
    Docker,
}

/// <summary>
/// The prefix of one line of a container's log, read from its first bytes with one comparison when there is none (lines
/// of JSON start with their object): an RFC 3339 time, blanks, and for the runtime's log (<c>/var/log/pods</c>, what log
/// shippers tail) the stream and tag (<c>stdout F </c>). The one reader of it for the flow readers and the audit reader.
/// </summary>
internal readonly record struct ContainerLogPrefix(ContainerLogWrapper Wrapper, int Content, bool Partial, bool Stdout)
{
    /// <summary>The longest RFC 3339 time, with nanoseconds and an offset, has 35 bytes.</summary>
    private const int MaxTimeBytes = 35;

    private static readonly ContainerLogPrefix NoPrefix = new(ContainerLogWrapper.None, 0, false, true);

    /// <summary>
    /// The prefix of <paramref name="line"/> (without its line feed): <see cref="ContainerLogWrapper.None"/> unless a time
    /// is followed by blanks and something more, which starts at <see cref="Content"/>.
    /// </summary>
    public static ContainerLogPrefix Read(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] - (uint)'0' > 9)
            return NoPrefix;
        var timeEnd = line[..Math.Min(line.Length, MaxTimeBytes + 1)].IndexOfAny((byte)' ', (byte)'\t');
        if (timeEnd < 0 || !Rfc3339.TryParse(line[..timeEnd], out _))
            return NoPrefix;
        var rest = line[timeEnd..].IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (rest < 0)
            return NoPrefix;
        rest += timeEnd;
        var after = line[rest..];
        if (after.Length >= 9 && (after.StartsWith("stdout "u8) || after.StartsWith("stderr "u8)) && after[7] is (byte)'F' or (byte)'P' && after[8] == (byte)' ')
            return new(ContainerLogWrapper.Cri, rest + 9, after[7] == (byte)'P', after[3] == (byte)'o');
        return new(ContainerLogWrapper.Timestamp, rest, false, true);
    }
}
