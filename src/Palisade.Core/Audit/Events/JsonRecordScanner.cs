using System.Buffers;
using Palisade.Flows.Formats;

namespace Palisade.Audit.Events;

/// <summary>
/// Splits a stream of concatenated JSON values (one a line, pretty-printed, or both) into records with
/// bounded memory: a top-level object is a record, except that the arrays of wrapper objects (<c>items</c>,
/// <c>records</c>, <c>events</c>, <c>logEvents</c>, CloudWatch Logs Insights' <c>results</c>) and top-level arrays are streamed element by element, so a
/// 1 GiB export costs one record at a time; an element of a top-level array that is itself such a document (the webhook's
/// batches gathered by <c>jq -s</c>) is streamed the same way once the parser says so (<see cref="Retry"/>). It checks
/// structure only (brackets, strings, separators between members); the record parser validates the rest. Not thread-safe.
/// </summary>
internal sealed class JsonRecordScanner
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxDepth = 256;

    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]\n"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\\n"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(" \t\r\n,]}"u8);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly int _maxValueBytes;
    private byte[] _buffer;
    private long _base;
    private int _count;
    private bool _eof;

    // The next byte to scan, where the current unit (top-level value or array element) starts, and the
    // first byte that must stay buffered; all absolute stream offsets.
    private long _pos;
    private long _unitStart;
    private long _mark;

    private State _state;

    // A line the container runtime or Docker split is the record, joined here; a line that is none is skipped.
    private readonly ContainerLogJoin _join;
    private bool _joinedRecord;
    private bool _skippedLine;
    private bool _insideObject;
    private bool _expectComma;

    // A top-level object is first offered as its whole line; when the parser finds the line is not exactly one
    // record, the object is walked from here instead.
    private long _walkFrom = -1;

    // Walking the members of an element of a top-level array that is a document of records: at its end, the array goes on.
    private bool _inDocumentElement;

    // Line tracking: _line is the line of offset _countedTo, which starts at _lineStart.
    private long _countedTo;
    private long _line = 1;
    private long _lineStart;

    private enum State { TopLevel, Elements, AfterWrapper, DocumentElement }

    /// <summary>Scans <paramref name="stream"/>; a record (or skipped member) over <paramref name="maxValueBytes"/> is malformed.</summary>
    public JsonRecordScanner(Stream stream, int maxValueBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValueBytes, 16);
        _stream = stream;
        _maxValueBytes = maxValueBytes;
        _buffer = new byte[ChunkSize];
        _join = new ContainerLogJoin(maxValueBytes);
    }

    /// <summary>The absolute offset of the record last returned.</summary>
    public long RecordStart { get; private set; }

    /// <summary>The record last returned; valid until the next call to <see cref="Next"/>.</summary>
    public ReadOnlySpan<byte> Record => _joinedRecord ? _join.Joined : _buffer.AsSpan((int)(RecordStart - _base), RecordLength);

    /// <summary>The length of the record last returned.</summary>
    public int RecordLength { get; private set; }

    /// <summary>Lines of the other stream skipped between the parts of a container log line, since the last call.</summary>
    public int SkippedBetweenParts { get; set; }

    /// <summary>Whether the record last returned is an item of an EventList (<c>items</c>).</summary>
    public bool InEventList { get; private set; }

    /// <summary>
    /// Whether the record last returned is a whole line taken on trust (the fast path for one event a line): the
    /// parser must check it is exactly one object, and call <see cref="Retry"/> when it is not.
    /// </summary>
    public bool Tentative { get; private set; }

    /// <summary>
    /// Whether the record last returned is an element of a top-level array, which may be a document of records: the parser
    /// calls <see cref="Retry"/> when it is, and its records are then streamed. Deeper documents are malformed.
    /// </summary>
    public bool MayBeDocument => !Tentative && _state == State.Elements && !_insideObject;

    /// <summary>What was wrong when <see cref="Next"/> returned <see cref="ScanResult.Malformed"/>.</summary>
    public string Problem { get; private set; } = "";

    /// <summary>The 1-based line and column of the problem.</summary>
    public (int Line, int Column) ProblemPosition { get; private set; }

    /// <summary>The line and column of where scanning has got to (for errors of the stream itself).</summary>
    public (int Line, int Column) CurrentPosition => Position(Math.Min(_pos, _base + _count));

    /// <summary>Moves to the next record, or reports the next malformed stretch (and skips it).</summary>
    public ScanResult Next()
    {
        while (true)
        {
            try
            {
                var found = _state switch
                {
                    State.TopLevel => TopLevel(),
                    State.Elements => Element(),
                    State.DocumentElement => TopLevelObject(),
                    _ => AfterWrapper(),
                };
                if (found)
                    return ScanResult.Record;
                if (_skippedLine)
                {
                    _skippedLine = false;
                    return ScanResult.Skipped;
                }
                if (_state == State.TopLevel && _eof && !Have(_pos))
                    return ScanResult.End;
            }
            catch (MalformedJson e)
            {
                Report(e);
                Resync(e.ResyncFrom);
                return ScanResult.Malformed;
            }
        }
    }

    /// <summary>
    /// Scans the tentative record last returned again, value by value, or walks the document of records an element of a
    /// top-level array turned out to be (<see cref="MayBeDocument"/>).
    /// </summary>
    public void Retry()
    {
        if (Tentative)
        {
            _pos = _walkFrom = RecordStart;
            _state = State.TopLevel;
            return;
        }
        _pos = RecordStart;
        _inDocumentElement = true;
        _state = State.DocumentElement;
    }

    /// <summary>
    /// Locates a structural error at the start of the value it spoils, which is what gets skipped; when the error
    /// shows only on a later line (a line cut short runs into the next), the message says where.
    /// </summary>
    private void Report(MalformedJson e)
    {
        var start = Position(Math.Min(_unitStart, e.At));
        var at = Position(e.At);
        (ProblemPosition, Problem) = at.Line == start.Line
            ? (at, e.Message)
            : (start, $"{e.Message} (line {at.Line}, column {at.Column})");
    }

    /// <summary>The 1-based line and column of an absolute offset still buffered (or just counted).</summary>
    public (int Line, int Column) Position(long at)
    {
        if (at >= _countedTo)
        {
            CountLines(at);
            return (Clamp(_line), Clamp(at - _lineStart + 1));
        }
        var behind = _buffer.AsSpan((int)(at - _base), (int)(_countedTo - at)).Count((byte)'\n');
        if (behind == 0)
            return (Clamp(_line), Clamp(at - _lineStart + 1));
        var newline = _buffer.AsSpan(0, (int)(at - _base)).LastIndexOf((byte)'\n');
        return (Clamp(_line - behind), newline >= 0 ? Clamp(at - (_base + newline)) : 0);
    }

    private bool TopLevel()
    {
        if (!SkipWhitespace(moveMark: true))
            return false;
        if (_pos == 0 && StartsWithByteOrderMark())
        {
            _pos = 3;
            return false;
        }
        _unitStart = _mark = _pos;
        switch (At(_pos))
        {
            case (byte)'[':
                _pos++;
                EnterArray(eventList: false, insideObject: false);
                return false;
            case (byte)'{' when _pos != _walkFrom && LineEnd(_pos) is var end and >= 0:
                // Docker's json-file record of a line it split: its records joined; a whole one is read as any record.
                if (DockerLogRecord.Starts(Span(_pos, end)) && _join.Offer(Span(_pos, end)) == ContainerLogStep.Part)
                    return JoinParts(_pos, end);
                SetRecord(_pos, end);
                Tentative = true;
                _pos = end;
                return true;
            case (byte)'{':
                return TopLevelObject();
            case >= (byte)'0' and <= (byte)'9':
                return TimePrefixed(_pos);
            default:
                throw new MalformedJson("not a JSON object: expected an audit event, an EventList or a log export", _pos, _pos);
        }
    }

    /// <summary>
    /// A line that begins with an RFC 3339 time and blanks, read by <see cref="ContainerLogJoin"/>: CloudWatch Logs' export
    /// writes the event there, Fluentd's file output its tag, a tab and the record; the container runtime (CRI) writes the
    /// stream, <c>F</c> for a full line or <c>P</c> for a part of one it split, and the line, which is the API server's audit
    /// log with <c>--audit-log-path=-</c>, or its own log text on stderr (skipped).
    /// </summary>
    private bool TimePrefixed(long start)
    {
        var end = LineEnd(start);
        if (end >= 0)
        {
            var line = Span(start, end);
            switch (_join.Offer(line))
            {
                case ContainerLogStep.Part:
                    return JoinParts(start, end);
                case ContainerLogStep.Line when _join.Wrapper == ContainerLogWrapper.Timestamp:
                    var content = start + _join.ContentStart;
                    _pos = At(content) == (byte)'{' ? content : AfterTag(content);
                    if (_pos > 0)
                        return false;
                    _pos = start;
                    break;
                case ContainerLogStep.Line when _join.Wrapper == ContainerLogWrapper.Cri:
                    if (_join.Content(line) is [(byte)'{', ..])
                    {
                        _pos = start + _join.ContentStart;
                        return false;
                    }
                    _pos = end;
                    _skippedLine = true;
                    return false;
            }
        }
        throw new MalformedJson("not a JSON object: expected an audit event, an EventList or a log export", start, start);
    }

    /// <summary>
    /// Where the record starts after a Fluentd tag (<c>kube.audit</c>: no blank, up to 512 bytes) and the tab that ends it, or -1.
    /// </summary>
    private long AfterTag(long p)
    {
        var end = p;
        while (end - p < 512 && Have(end) && At(end) is > (byte)' ')
            end++;
        return end > p && Have(end + 1) && At(end) == (byte)'\t' && At(end + 1) == (byte)'{' ? end + 1 : -1;
    }

    /// <summary>
    /// Joins the parts of a line the container runtime (16 KiB each by default, so any large event) or Docker split, from
    /// the first, the line from <paramref name="first"/> to <paramref name="end"/>, up to its last: the record, located at
    /// the first part's line. The program's own text joined so is skipped, as its whole lines are.
    /// </summary>
    private bool JoinParts(long first, long end)
    {
        while (true)
        {
            if (!Have(end + 1))
                throw new MalformedJson(_join.Abandon() ?? "", first, end);
            var start = end + 1;
            var next = LineEnd(start);
            if (next < 0)
                throw new MalformedJson($"JSON value larger than {_maxValueBytes / (1024 * 1024.0):0.##} MiB", first, first);
            switch (_join.Offer(Span(start, next)))
            {
                case ContainerLogStep.OtherStream:
                    // The runtime copies stdout and stderr side by side: the other stream's lines may fall between the parts.
                    SkippedBetweenParts++;
                    break;
                case ContainerLogStep.Joined when _join.Joined.TrimStart(" \t"u8) is not [(byte)'{', ..]:
                    _pos = next;
                    _skippedLine = true;
                    return false;
                case ContainerLogStep.Joined:
                    _pos = next;
                    SetRecord(first, first);
                    RecordLength = _join.Joined.Length;
                    _joinedRecord = true;
                    return true;
                case ContainerLogStep.Part:
                    break;
                default:
                    throw new MalformedJson(_join.Problem, first, end);
            }
            end = next;
        }
    }

    private ReadOnlySpan<byte> Span(long start, long end) => _buffer.AsSpan((int)(start - _base), (int)(end - start));

    /// <summary>The end of the line starting at <paramref name="start"/>, or -1 when it is longer than a record may be.</summary>
    private long LineEnd(long start)
    {
        var p = start;
        while (p - start < _maxValueBytes)
        {
            if (!Have(p))
                return p;
            var span = Buffered(p);
            var index = span.IndexOf((byte)'\n');
            if (index >= 0)
                return p + index;
            p += span.Length;
        }
        return -1;
    }

    /// <summary>
    /// Walks the members of a top-level object: it is a record, unless one of its members is a wrapper array,
    /// whose elements are then streamed.
    /// </summary>
    private bool TopLevelObject()
    {
        var start = _pos++;
        SkipWhitespaceInValue();
        if (At(_pos) == (byte)'}')
            return FinishObject(start, ++_pos);
        while (true)
        {
            if (EnterWrapper())
                return false;
            _pos = ValueEnd(_pos);
            SkipWhitespaceInValue();
            var next = At(_pos++);
            if (next == (byte)'}')
                return FinishObject(start, _pos);
            if (next != (byte)',')
                throw new MalformedJson("expected ',' or '}' after an object member", _pos - 1, _unitStart);
            SkipWhitespaceInValue();
        }
    }

    /// <summary>Reads a member name and its colon; when the member is a wrapper array, enters it.</summary>
    private bool EnterWrapper()
    {
        if (At(_pos) != (byte)'"')
            throw new MalformedJson("expected a property name", _pos, _unitStart);
        var nameStart = _pos + 1;
        _pos = StringEnd(nameStart);
        var wrapper = WrapperOf(_buffer.AsSpan((int)(nameStart - _base), (int)(_pos - 1 - nameStart)));
        SkipWhitespaceInValue();
        if (At(_pos) != (byte)':')
            throw new MalformedJson("expected ':' after a property name", _pos, _unitStart);
        _pos++;
        SkipWhitespaceInValue();
        if (wrapper is null || At(_pos) != (byte)'[')
            return false;
        _pos++;
        EnterArray(wrapper.Value, insideObject: true);
        return true;
    }

    /// <summary>Whether a member name is one of the wrapper arrays, and if so whether it holds EventList items.</summary>
    private static bool? WrapperOf(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("items"u8) ? true
        : name.SequenceEqual("records"u8) || name.SequenceEqual("events"u8) || name.SequenceEqual("logEvents"u8) || name.SequenceEqual("results"u8) ? false
        : null;

    private void EnterArray(bool eventList, bool insideObject)
    {
        _state = State.Elements;
        InEventList = eventList;
        _insideObject = insideObject;
        _expectComma = false;
        _mark = _pos;
    }

    private bool Element()
    {
        if (!SkipWhitespace(moveMark: true))
            throw new MalformedJson("unexpected end of input inside an array", _pos, _pos);
        var next = At(_pos);
        if (next == (byte)']')
        {
            _pos++;
            if (_insideObject)
                _state = State.AfterWrapper;
            else
                FinishTopLevel(_pos, _pos);
            return false;
        }
        if (_expectComma)
        {
            if (next != (byte)',')
                throw new MalformedJson("expected ',' or ']' after an array element", _pos, _pos);
            _pos++;
            if (!SkipWhitespace(moveMark: true))
                throw new MalformedJson("unexpected end of input inside an array", _pos, _pos);
        }
        _unitStart = _mark = _pos;
        var end = ValueEnd(_pos);
        _expectComma = true;
        SetRecord(_pos, end);
        _pos = end;
        return true;
    }

    /// <summary>Skips the members after a wrapper array, entering any further wrapper, up to the closing brace.</summary>
    private bool AfterWrapper()
    {
        SkipWhitespace(moveMark: true);
        var next = At(_pos++);
        if (next == (byte)'}')
            return FinishObject(_pos, _pos);
        if (next != (byte)',')
            throw new MalformedJson("expected ',' or '}' after an object member", _pos - 1, _pos - 1);
        SkipWhitespace(moveMark: true);
        _unitStart = _mark = _pos;
        if (EnterWrapper())
            return false;
        _pos = ValueEnd(_pos);
        return false;
    }

    /// <summary>
    /// Ends an object that held wrappers (or none): a top-level value, or a document that was an element of a top-level
    /// array, after which that array's next element comes.
    /// </summary>
    private bool FinishObject(long start, long end)
    {
        if (!_inDocumentElement)
            return FinishTopLevel(start, end);
        _inDocumentElement = false;
        _pos = end;
        EnterArray(eventList: false, insideObject: false);
        _expectComma = true;
        // The walk entered the wrapper the parser found in it: the document itself is no record.
        return false;
    }

    /// <summary>
    /// Ends a top-level value: the rest of its line must be blank or start another value, otherwise the
    /// line is malformed (and a record on it is dropped). Returns whether a record was found.
    /// </summary>
    private bool FinishTopLevel(long start, long end)
    {
        _state = State.TopLevel;
        var p = end;
        while (Have(p))
        {
            var b = At(p);
            if (b == (byte)'\n' || b == (byte)'{' || b == (byte)'[')
                break;
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r')
                throw new MalformedJson("unexpected text after the JSON value", p, p);
            p++;
        }
        _pos = end;
        if (start == end)
            return false;
        SetRecord(start, end);
        return true;
    }

    private void SetRecord(long start, long end)
    {
        RecordStart = start;
        RecordLength = (int)(end - start);
        Tentative = false;
        _joinedRecord = false;
    }

    /// <summary>The offset just past the JSON value starting at <paramref name="start"/>.</summary>
    private long ValueEnd(long start)
    {
        var first = At(start);
        return first switch
        {
            (byte)'"' => StringEnd(start + 1),
            (byte)'{' or (byte)'[' => ContainerEnd(start),
            (byte)'}' or (byte)']' or (byte)',' or (byte)':' => throw new MalformedJson("expected a value", start, _unitStart),
            _ => ScalarEndOf(start),
        };
    }

    private long ScalarEndOf(long start)
    {
        var p = start;
        while (Have(p))
        {
            var index = Buffered(p).IndexOfAny(ScalarEnd);
            if (index >= 0)
                return p + index;
            p = _base + _count;
        }
        return p;
    }

    /// <summary>The offset just past the closing quote of a string whose content starts at <paramref name="p"/>.</summary>
    private long StringEnd(long p)
    {
        while (true)
        {
            if (!Have(p))
                throw Unterminated();
            var span = Buffered(p);
            var index = span.IndexOfAny(InString);
            if (index < 0)
            {
                p += span.Length;
                continue;
            }
            p += index;
            switch (span[index])
            {
                case (byte)'"':
                    return p + 1;
                case (byte)'\\':
                    p += 2;
                    break;
                default:
                    throw new MalformedJson("line break inside a string: the line is truncated", p, _unitStart);
            }
        }
    }

    /// <summary>The offset just past the bracket closing the object or array opened at <paramref name="start"/>.</summary>
    private long ContainerEnd(long start)
    {
        Span<byte> open = stackalloc byte[MaxDepth];
        var depth = 0;
        var p = start;
        while (true)
        {
            if (!Have(p))
                throw Unterminated();
            var span = Buffered(p);
            var index = span.IndexOfAny(Structural);
            if (index < 0)
            {
                p += span.Length;
                continue;
            }
            p += index;
            var b = span[index];
            switch (b)
            {
                case (byte)'"':
                    p = StringEnd(p + 1);
                    continue;
                case (byte)'\n':
                    CheckLineBreak(p);
                    break;
                case (byte)'{' or (byte)'[':
                    if (depth == MaxDepth)
                        throw new MalformedJson($"JSON nested deeper than {MaxDepth} levels", p, _unitStart);
                    open[depth++] = b;
                    break;
                default:
                    if (open[--depth] != (b == (byte)'}' ? (byte)'{' : (byte)'['))
                        throw new MalformedJson($"mismatched '{(char)b}'", p, _unitStart);
                    if (depth == 0)
                        return p + 1;
                    break;
            }
            p++;
        }
    }

    /// <summary>
    /// A line break inside a value is fine between tokens that JSON allows to be adjacent; a value followed by
    /// a value (a missing comma) means the line was cut and the next line is a new record.
    /// </summary>
    private void CheckLineBreak(long newline)
    {
        var before = newline - 1;
        while (before >= _base && IsWhitespace(_buffer[before - _base]))
            before--;
        if (before < _base || At(before) is (byte)'{' or (byte)'[' or (byte)',' or (byte)':')
            return;
        var after = newline + 1;
        while (Have(after) && IsWhitespace(At(after)))
            after++;
        if (!Have(after) || At(after) is (byte)'}' or (byte)']' or (byte)',' or (byte)':')
            return;
        throw Unterminated();
    }

    private MalformedJson Unterminated() =>
        new("unterminated JSON value (the line is truncated or the file cut short)", _unitStart, _unitStart);

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Skips whitespace outside any unit, letting the skipped bytes go; false at the end of the input.</summary>
    private bool SkipWhitespace(bool moveMark)
    {
        while (Have(_pos))
        {
            var span = Buffered(_pos);
            var index = span.IndexOfAnyExcept(Whitespace);
            _pos += index >= 0 ? index : span.Length;
            if (moveMark)
                _unitStart = _mark = _pos;
            if (index >= 0)
                return true;
        }
        return false;
    }

    private void SkipWhitespaceInValue()
    {
        if (!SkipWhitespace(moveMark: false))
            throw Unterminated();
    }

    private bool StartsWithByteOrderMark() =>
        Have(2) && _base == 0 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF;

    /// <summary>
    /// After a malformed stretch, skips to the next line after <paramref name="from"/>'s that can start a
    /// record or is a malformed line of its own: anything but a blank line, an indented one or one starting
    /// with '}', ']' or ',', which are the inside and the end of a pretty-printed value, skipped with it.
    /// </summary>
    private void Resync(long from)
    {
        _state = State.TopLevel;
        _inDocumentElement = false;
        var p = from;
        while (true)
        {
            var newline = NextNewline(p);
            _mark = Math.Max(newline, _mark);
            if (newline < 0 || !Have(newline + 1))
            {
                _pos = _mark = _base + _count;
                return;
            }
            p = newline + 1;
            if (At(p) is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'}' or (byte)']' or (byte)','))
            {
                _pos = _mark = p;
                return;
            }
        }
    }

    /// <summary>The offset of the next line feed at or after <paramref name="p"/>, letting the bytes before it go; -1 at the end.</summary>
    private long NextNewline(long p)
    {
        _mark = p;
        while (Have(p))
        {
            var span = Buffered(p);
            var index = span.IndexOf((byte)'\n');
            if (index >= 0)
                return p + index;
            p += span.Length;
            _mark = p;
        }
        return -1;
    }

    private byte At(long p) =>
        Have(p) ? _buffer[p - _base] : throw Unterminated();

    private ReadOnlySpan<byte> Buffered(long p) => _buffer.AsSpan((int)(p - _base), (int)(_base + _count - p));

    /// <summary>Whether the byte at <paramref name="p"/> is available, reading more as needed; false at the end of the input.</summary>
    private bool Have(long p)
    {
        while (p >= _base + _count)
        {
            if (_eof)
                return false;
            Fill(p);
        }
        return true;
    }

    private void Fill(long needed)
    {
        if (needed - _mark >= _maxValueBytes)
            throw new MalformedJson($"JSON value larger than {_maxValueBytes / (1024 * 1024.0):0.##} MiB", _unitStart, _unitStart);
        var keep = (int)(_mark - _base);
        if (keep > 0 && (_count == _buffer.Length || keep >= _buffer.Length / 2))
            Discard(keep);
        if (_count == _buffer.Length)
            Grow();
        var read = _stream.Read(_buffer, _count, _buffer.Length - _count);
        if (read == 0)
            _eof = true;
        _count += read;
    }

    /// <summary>
    /// Doubles the buffer, but goes straight to its largest size (the limit and a chunk) rather than through a
    /// size just under it, which would leave one more large array for the collector at the worst moment.
    /// </summary>
    private void Grow()
    {
        var largest = _maxValueBytes + (long)ChunkSize;
        var size = _buffer.Length * 2L >= _maxValueBytes ? largest : _buffer.Length * 2L;
        var grown = GC.AllocateUninitializedArray<byte>((int)size);
        _buffer.AsSpan(0, _count).CopyTo(grown);
        _buffer = grown;
    }

    /// <summary>Drops the first <paramref name="bytes"/> buffered bytes, counting their lines first.</summary>
    private void Discard(int bytes)
    {
        if (_countedTo < _base + bytes)
            CountLines(_base + bytes);
        _buffer.AsSpan(bytes, _count - bytes).CopyTo(_buffer);
        _count -= bytes;
        _base += bytes;
    }

    private void CountLines(long to)
    {
        var span = _buffer.AsSpan((int)(_countedTo - _base), (int)(to - _countedTo));
        var lines = span.Count((byte)'\n');
        if (lines > 0)
        {
            _line += lines;
            _lineStart = _countedTo + span.LastIndexOf((byte)'\n') + 1;
        }
        _countedTo = to;
    }

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);

    /// <summary>A structural error: where it is, and where to look for the next line that can start a record.</summary>
    private sealed class MalformedJson(string problem, long at, long resyncFrom) : Exception(problem)
    {
        public long At { get; } = at;
        public long ResyncFrom { get; } = resyncFrom;
    }
}
