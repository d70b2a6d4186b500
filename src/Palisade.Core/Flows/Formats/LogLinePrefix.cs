namespace Palisade.Flows.Formats;

/// <summary>
/// What a container's log puts before each line the program wrote: <c>kubectl logs --timestamps</c> the time, the node's
/// runtime log (<c>/var/log/pods</c>, which log shippers tail) the time, the stream and the tag of a whole line
/// (<c>TIME stdout F </c>) or of a part of a long one (<c>P</c>). Hubble's exporter writing to standard output is read
/// from there. Parts are not joined: a flow line seldom reaches the runtime's 16 KiB, and a part is a malformed record.
/// </summary>
internal static class LogLinePrefix
{
    /// <summary>The JSON object after such a prefix, or the line as it is when it has none.</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> line)
    {
        // Flow lines start with their object: one comparison on the common path.
        if (line.IsEmpty || line[0] - (uint)'0' > 9)
            return line;
        var space = line.IndexOf((byte)' ');
        if (space < 0 || !Rfc3339.TryParse(line[..space], out _))
            return line;
        var rest = line[(space + 1)..];
        if (rest.Length > 9 && (rest.StartsWith("stdout "u8) || rest.StartsWith("stderr "u8)) && rest[7] is (byte)'F' or (byte)'P' && rest[8] == (byte)' ')
            rest = rest[9..];
        return rest is [(byte)'{', ..] ? rest : line;
    }
}
