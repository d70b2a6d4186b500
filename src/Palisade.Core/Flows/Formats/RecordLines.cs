using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// The non-blank lines of a flow file, for the line-based readers: a leading byte order mark is dropped,
/// overlong lines and a corrupt compressed tail are reported as malformed, and each line knows its location.
/// </summary>
internal sealed class RecordLines(InputSource source, ReadDiagnostics diagnostics) : IEntrySource
{
    /// <summary>The longest line read, in bytes; longer ones are reported and skipped.</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly LineReader _lines = new(source.Content, MaxLineBytes);
    private bool _ended;

    /// <summary>The location of the line last returned.</summary>
    public SourceLocation Location => new(source.Name, (int)Math.Min(_lines.LineNumber, int.MaxValue));

    /// <summary>The next non-blank line; false at the end of the content.</summary>
    public bool Next(out ReadOnlySpan<byte> line)
    {
        line = default;
        while (!_ended)
        {
            if (!TryReadLine(out line))
            {
                _ended = true;
                return false;
            }
            if (_lines.Overlong)
            {
                diagnostics.Report(Location, $"line longer than {MaxLineBytes / (1 << 20)} MiB");
                continue;
            }
            if (_lines.LineNumber == 1 && line.StartsWith("\uFEFF"u8))
                line = line[3..];
            if (!line.Trim(" \t\r"u8).IsEmpty)
                return true;
        }
        return false;
    }

    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        try
        {
            return _lines.Next(out line);
        }
        catch (InvalidDataException e)
        {
            // A truncated or corrupt .gz: what came before was read; the rest is lost, and said so once.
            diagnostics.Report(new SourceLocation(source.Name, (int)Math.Min(_lines.LineNumber + 1, int.MaxValue)), $"compressed data is corrupt, rest of the file skipped ({e.Message})");
            line = default;
            return false;
        }
        catch (IOException e)
        {
            throw new InvalidInputException(new SourceLocation(source.Name), null, null, $"cannot be read: {e.Message}", e);
        }
    }
}
