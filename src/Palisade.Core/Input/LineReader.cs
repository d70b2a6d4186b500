namespace Palisade.Input;

/// <summary>
/// Reads a stream as lines of bytes (LF or CRLF) with bounded memory: a line longer than the limit is not
/// buffered but skipped to its end and reported as overlong, so hostile input (one endless line, a 10 GiB
/// stream) costs at most the limit plus one buffer. Not thread-safe.
/// </summary>
public sealed class LineReader
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Reads <paramref name="stream"/>; lines over <paramref name="maxLineBytes"/> bytes are skipped.</summary>
    public LineReader(Stream stream, int maxLineBytes = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(64 * 1024, maxLineBytes + 1)];
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was over the limit (and is returned empty).</summary>
    public bool Overlong { get; private set; }

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next line without its terminator; false at the end of the stream.</summary>
    public bool Next(out ReadOnlySpan<byte> line)
    {
        Overlong = false;
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                // The buffer holds up to 64 KiB more than the limit, so a whole line can be found over it.
                Overlong = length > _maxLineBytes;
                line = Overlong ? default : Trim(_buffer.AsSpan(_start, length));
                _start += length + 1;
                LineNumber++;
                return true;
            }
            scanned = _end - _start;
            if (scanned > _maxLineBytes)
            {
                SkipRestOfLine();
                line = default;
                Overlong = true;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (scanned == 0)
                {
                    line = default;
                    return false;
                }
                line = Trim(_buffer.AsSpan(_start, scanned));
                _start = _end;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 64 * 1024));
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _eof = true;
        _end += read;
        BytesRead += read;
    }

    /// <summary>Discards bytes up to and including the next newline, without keeping them.</summary>
    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }
            _start = _end = 0;
            if (_eof)
                return;
            var read = _stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
                _eof = true;
            _end = read;
            BytesRead += read;
        }
    }
}
