using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>
/// One record of Docker's json-file log driver (<c>/var/lib/docker/containers/*/*-json.log</c>):
/// <c>{"log":"LINE\n","stream":"stdout","time":"…"}</c>, <c>log</c> first as Docker writes it. A line over 16 KiB is split
/// into records whose <c>log</c> does not end with a line feed, up to the one that does.
/// </summary>
internal static class DockerLogRecord
{
    /// <summary>Whether <paramref name="line"/> is one by its first bytes.</summary>
    public static bool Starts(ReadOnlySpan<byte> line) => line.StartsWith("{\"log\":"u8);

    /// <summary>
    /// Unescapes the record's <c>log</c> into <paramref name="buffer"/> after its first <paramref name="length"/> bytes,
    /// which grows by the line's bytes without its line feed; the problem when the record is malformed, else null.
    /// </summary>
    public static string? Read(ReadOnlySpan<byte> line, ref byte[] buffer, ref int length, out bool stdout, out bool complete)
    {
        (stdout, complete) = (true, false);
        var found = false;
        var reader = new Utf8JsonReader(line);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isLog = reader.ValueTextEquals("log"u8);
                var isStream = !isLog && reader.ValueTextEquals("stream"u8);
                reader.Read();
                if (isLog)
                {
                    if (reader.TokenType != JsonTokenType.String)
                        return "Docker log record: log is not a string";
                    if (buffer.Length - length < reader.ValueSpan.Length)
                        Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + reader.ValueSpan.Length));
                    var written = reader.CopyString(buffer.AsSpan(length));
                    complete = written > 0 && buffer[length + written - 1] == (byte)'\n';
                    length += complete ? written - (written > 1 && buffer[length + written - 2] == (byte)'\r' ? 2 : 1) : written;
                    found = true;
                }
                else if (isStream && reader.TokenType == JsonTokenType.String)
                    stdout = !reader.ValueTextEquals("stderr"u8);
                else
                    reader.Skip();
            }
            // The rest of the line must be blank: one record a line.
            reader.Read();
        }
        catch (JsonException e)
        {
            return $"Docker log record: {JsonValues.Problem(e)}";
        }
        catch (InvalidOperationException)
        {
            return "Docker log record: log is not valid UTF-8";
        }
        return found ? null : "Docker log record without log";
    }
}
