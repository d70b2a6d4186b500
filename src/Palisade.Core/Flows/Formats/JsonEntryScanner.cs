using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Finds JSON objects in a stream by brace matching (strings and escapes respected), whether they stand one
/// after another or inside one top-level array, without parsing them: each is handed out whole, so memory
/// is one entry at most. An entry over the limit, text outside any object, or an object cut off by the end
/// of the input is reported as malformed and skipped. Not thread-safe.
/// </summary>
internal sealed class JsonEntryScanner(InputSource source, ReadDiagnostics diagnostics, int maxEntryBytes) : IEntrySource
{
    private readonly Stream _stream = source.Content;
    private byte[] _buffer = new byte[Math.Min(64 * 1024, maxEntryBytes + 1)];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _inArray;
    private long _line = 1;
    private long _entryLine = 1;

    /// <summary>Where the entry last returned starts.</summary>
    public SourceLocation Location => At(_entryLine);

    /// <summary>The next object's text; false at the end of the input.</summary>
    public bool Next(out ReadOnlySpan<byte> entry)
    {
        entry = default;
        while (SkipSeparators())
        {
            var first = _buffer[_start];
            if (first == (byte)'[' && !_inArray || first == (byte)']' && _inArray)
            {
                _inArray = first == (byte)'[';
                _start++;
                continue;
            }
            if (first != (byte)'{')
            {
                diagnostics.Report(At(_line), $"unexpected text outside a JSON object: {TextScan.Excerpt(_buffer.AsSpan(_start, _end - _start))}");
                SkipLine();
                continue;
            }
            _entryLine = _line;
            var length = ScanObject();
            if (length > 0)
            {
                entry = _buffer.AsSpan(_start, length);
                _line += entry.Count((byte)'\n');
                _start += length;
                return true;
            }
        }
        return false;
    }

    /// <summary>The length of the object starting at <c>_start</c>, or 0 when it was reported and skipped.</summary>
    private int ScanObject()
    {
        var braces = new BraceMatcher();
        var scanned = 0;
        while (true)
        {
            var end = braces.Scan(_buffer.AsSpan(_start + scanned, _end - _start - scanned));
            if (end >= 0)
                return scanned + end;
            scanned = _end - _start;
            if (scanned > maxEntryBytes)
            {
                diagnostics.Report(At(_entryLine), $"JSON object longer than {maxEntryBytes / (1 << 20)} MiB");
                Discard(ref braces);
                return 0;
            }
            if (_eof)
            {
                diagnostics.Report(At(_entryLine), "JSON object cut off by the end of the input");
                _start = _end;
                return 0;
            }
            Fill();
        }
    }

    /// <summary>Drops the rest of an overlong object (the buffered part is already scanned) without keeping it.</summary>
    private void Discard(ref BraceMatcher braces)
    {
        _line += _buffer.AsSpan(_start, _end - _start).Count((byte)'\n');
        _start = _end = 0;
        while (!_eof && Fill())
        {
            var data = _buffer.AsSpan(0, _end);
            var end = braces.Scan(data);
            if (end >= 0)
            {
                _line += data[..end].Count((byte)'\n');
                _start = end;
                return;
            }
            _line += data.Count((byte)'\n');
            _end = 0;
        }
    }

    /// <summary>Moves past whitespace and commas between objects; false at the end of the input.</summary>
    private bool SkipSeparators()
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b == (byte)'\n')
                    _line++;
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)',') && !IsByteOrderMark())
                    return true;
                _start++;
            }
            if (_eof || !Fill())
                return false;
        }
    }

    private bool IsByteOrderMark()
    {
        if (_line != 1 || _buffer[_start] != 0xEF || _end - _start < 3 || _buffer[_start + 1] != 0xBB || _buffer[_start + 2] != 0xBF)
            return false;
        _start += 2;
        return true;
    }

    private void SkipLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                _line++;
                return;
            }
            _start = _end = 0;
            if (_eof || !Fill())
                return;
        }
    }

    /// <summary>Reads more input after what is kept, growing the buffer up to the entry limit; false at the end.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxEntryBytes + 64 * 1024));
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            diagnostics.Report(At(_line), $"compressed data is corrupt, rest of the file skipped ({e.Message})");
            read = 0;
        }
        catch (IOException e)
        {
            throw new InvalidInputException(new SourceLocation(source.Name), null, null, $"cannot be read: {e.Message}", e);
        }
        _eof = read == 0;
        _end += read;
        return read > 0;
    }

    private SourceLocation At(long line) => new(source.Name, (int)Math.Min(line, int.MaxValue));

    /// <summary>Brace depth across chunks, outside strings, from an object's opening brace.</summary>
    private struct BraceMatcher
    {
        private int _depth;
        private bool _inString;
        private bool _escaped;

        /// <summary>The index just after the closing brace of the object, or -1 when it is not in <paramref name="data"/>.</summary>
        public int Scan(ReadOnlySpan<byte> data)
        {
            for (var i = 0; i < data.Length; i++)
            {
                var b = data[i];
                if (_inString)
                {
                    if (_escaped)
                        _escaped = false;
                    else if (b == (byte)'\\')
                        _escaped = true;
                    else if (b == (byte)'"')
                        _inString = false;
                }
                else if (b == (byte)'"')
                {
                    _inString = true;
                }
                else if (b == (byte)'{')
                {
                    _depth++;
                }
                else if (b == (byte)'}' && --_depth == 0)
                {
                    return i + 1;
                }
            }
            return -1;
        }
    }
}
