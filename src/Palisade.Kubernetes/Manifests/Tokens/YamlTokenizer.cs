using System.Text;
using YamlDotNet.Core;

namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// Reads YAML as manifests write it (block mappings and sequences, flow collections, plain, quoted and literal
/// scalars, comments, documents) into tokens carrying the values and start marks YamlDotNet's parser reports.
/// Anything else (anchors, aliases, tags, directives, folded or indented-indicator block scalars, complex keys,
/// tabs outside scalars, duplicate keys, odd indentation or malformed text) raises
/// <see cref="UnsupportedInputException"/>, and the general reader takes the file.
/// </summary>
internal sealed class YamlTokenizer
{
    private readonly byte[] _t;
    private readonly int _end;
    private readonly StringBuilder _cook = new();
    private readonly Stack<List<int>> _keyLists = new();
    private TokenBuffer _out = null!;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _indent;

    /// <summary>A tokenizer over the bytes from <paramref name="start"/> (past any byte order mark) to the end.</summary>
    public YamlTokenizer(byte[] text, int start)
    {
        _t = text;
        _end = text.Length;
        _pos = start;
        _lineStart = start;
        _line = 1;
    }

    /// <summary>
    /// Reads the next document's root node into <paramref name="output"/> (cleared first); false at the end of
    /// the stream. An empty document gives no tokens.
    /// </summary>
    public bool NextDocument(TokenBuffer output)
    {
        _out = output;
        output.Clear();
        _indent = SkipToContent();
        if (_indent < 0 && !AtMarker((byte)'-'))
        {
            if (_pos >= _end)
                return false;
            throw new UnsupportedInputException("a document end marker outside a document");
        }
        if (_indent == 0 && _t[_pos] == (byte)'%')
            throw new UnsupportedInputException("directives");
        if (AtMarker((byte)'-'))
        {
            _pos += 3;
            EndOfLine();
            _indent = SkipToContent();
        }
        if (_indent >= 0)
            BlockNode(-1);
        if (_indent >= 0)
            throw new UnsupportedInputException("content after the document's root node");
        if (AtMarker((byte)'.'))
        {
            _pos += 3;
            EndOfLine();
        }
        return true;
    }

    /// <summary>
    /// Reads the one block node whose first character is at (<paramref name="offset"/>, <paramref name="line"/>,
    /// <paramref name="lineStart"/>) and whose parent is indented <paramref name="parentIndent"/>: an object
    /// read again for the marks of its fields.
    /// </summary>
    public void Node(TokenBuffer output, int offset, int line, int lineStart, int parentIndent)
    {
        _out = output;
        output.Clear();
        (_pos, _line, _lineStart) = (offset, line, lineStart);
        _indent = _pos - _lineStart;
        if (_t[_pos] is (byte)'{' or (byte)'[')
            Flow();
        else
            BlockNode(parentIndent);
    }

    private static UnsupportedInputException Unsupported(string what) => new(what);

    private byte At(int position) => position < _end ? _t[position] : (byte)0;

    private bool IsBreak(int position) => position >= _end || _t[position] is (byte)'\n' or (byte)'\r';

    private bool IsBlankOrBreak(int position) => IsBreak(position) || _t[position] == (byte)' ';

    private int Column => _pos - _lineStart;

    /// <summary>Whether the current line starts with a document marker (<c>---</c> or <c>...</c>) at column 0.</summary>
    private bool AtMarker(byte c) => _pos == _lineStart && AtMarkerAt(_pos, c);

    /// <summary>Consumes a line break at the position.</summary>
    private void NewLine()
    {
        if (At(_pos) == (byte)'\r')
            _pos++;
        if (At(_pos) == (byte)'\n')
            _pos++;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>The rest of the line must be blank or a comment; consumes it and the break.</summary>
    private void EndOfLine()
    {
        while (_pos < _end && _t[_pos] == (byte)' ')
            _pos++;
        if (_pos >= _end)
            return;
        if (_t[_pos] == (byte)'#' && (_pos == _lineStart || _t[_pos - 1] == (byte)' '))
        {
            while (!IsBreak(_pos))
                _pos++;
        }
        if (!IsBreak(_pos))
            throw Unsupported(_t[_pos] == (byte)'\t' ? "a tab" : "more content on the line");
        NewLine();
    }

    /// <summary>
    /// From a line start, skips blank and comment lines; the indentation of the next content line, with the
    /// position at its first character, or -1 at the end of the stream or at a document marker.
    /// </summary>
    private int SkipToContent()
    {
        while (true)
        {
            while (_pos < _end && _t[_pos] == (byte)' ')
                _pos++;
            if (_pos >= _end)
                return -1;
            switch (_t[_pos])
            {
                case (byte)'\n' or (byte)'\r':
                    NewLine();
                    continue;
                case (byte)'#':
                    while (!IsBreak(_pos))
                        _pos++;
                    continue;
                case (byte)'\t':
                    throw Unsupported("a tab in indentation");
            }
            if (_pos == _lineStart && (AtMarker((byte)'-') || AtMarker((byte)'.')))
                return -1;
            return Column;
        }
    }

    /// <summary>Whether the position holds a block sequence entry indicator (<c>-</c> then a blank).</summary>
    private bool AtEntry() => At(_pos) == (byte)'-' && IsBlankOrBreak(_pos + 1);

    /// <summary>A block node starting at the position (a content line's first character), more indented than its parent.</summary>
    private void BlockNode(int parentIndent)
    {
        if (AtEntry())
            BlockSequence(Column);
        else if (IsKey())
            BlockMapping(Column);
        else
            InlineValue(parentIndent, entry: false);
    }

    /// <summary>Whether an implicit key (a single-line scalar then <c>:</c> and a blank) starts at the position.</summary>
    private bool IsKey()
    {
        var i = _pos;
        var c = At(i);
        if (c is (byte)'"' or (byte)'\'')
        {
            i = QuoteEnd(i);
            if (i < 0)
                return false;
            while (At(i) == (byte)' ')
                i++;
            return At(i) == (byte)':' && IsBlankOrBreak(i + 1);
        }
        if (c is (byte)'[' or (byte)'{' or (byte)'|' or (byte)'>' or (byte)'#' || c is (byte)'-' or (byte)'?' or (byte)':' && IsBlankOrBreak(i + 1))
            return false;
        for (; !IsBreak(i); i++)
        {
            if (_t[i] == (byte)':' && IsBlankOrBreak(i + 1))
                return true;
            if (_t[i] == (byte)'#' && _t[i - 1] == (byte)' ')
                return false;
        }
        return false;
    }

    /// <summary>Just past the closing quote of the quoted scalar at <paramref name="open"/> on its line; -1 when it does not close there.</summary>
    private int QuoteEnd(int open)
    {
        var quote = _t[open];
        for (var i = open + 1; !IsBreak(i); i++)
        {
            if (quote == (byte)'"' && _t[i] == (byte)'\\')
                i++;
            else if (_t[i] == quote)
            {
                if (quote == (byte)'\'' && At(i + 1) == quote)
                    i++;
                else
                    return i + 1;
            }
        }
        return -1;
    }

    private void BlockMapping(int indent)
    {
        _out.Add(TokenKind.MappingStart, _pos, _line, _lineStart);
        var keys = _keyLists.Count > 0 ? _keyLists.Pop() : [];
        keys.Clear();
        while (true)
        {
            if (!IsKey())
                throw Unsupported(_t[_pos] == (byte)'?' ? "a complex key" : "a line that is not a key in a mapping");
            keys.Add(_out.Count);
            var afterColon = Key();
            CheckDuplicate(keys);
            MappingValue(indent, afterColon);
            if (_indent == indent && !AtEntry())
                continue;
            if (_indent < indent)
                break;
            throw Unsupported("indentation");
        }
        _keyLists.Push(keys);
        _out.Add(TokenKind.MappingEnd, _pos, _line, _lineStart);
    }

    private void CheckDuplicate(List<int> keys)
    {
        var last = keys[^1];
        for (var k = 0; k < keys.Count - 1; k++)
        {
            if (_out.SameValue(keys[k], last))
                throw Unsupported("a key twice in one mapping");
        }
    }

    /// <summary>Reads a key and its <c>:</c>; the mark (offset, line, line start) just past the colon.</summary>
    private (int Offset, int Line, int LineStart) Key()
    {
        var c = _t[_pos];
        if (c is (byte)'"' or (byte)'\'')
        {
            Quoted(singleLine: true);
            while (At(_pos) == (byte)' ')
                _pos++;
        }
        else
        {
            var start = _pos;
            while (!(_t[_pos] == (byte)':' && IsBlankOrBreak(_pos + 1)))
                _pos++;
            var end = _pos;
            while (end > start && _t[end - 1] == (byte)' ')
                end--;
            if (end - start == 2 && _t[start] == (byte)'<' && _t[start + 1] == (byte)'<')
                throw Unsupported("a merge key");
            CheckPlainStart(start);
            CheckPlainContent(start, end);
            _out.AddRaw(ScalarStyle.Plain, start, _line, _lineStart, start, end - start);
        }
        if (At(_pos) != (byte)':')
            throw Unsupported("a key without a value");
        _pos++;
        return (_pos, _line, _lineStart);
    }

    private void MappingValue(int indent, (int Offset, int Line, int LineStart) afterColon)
    {
        while (At(_pos) == (byte)' ')
            _pos++;
        if (IsBreak(_pos) || _t[_pos] == (byte)'#')
        {
            EndOfLine();
            _indent = SkipToContent();
            if (_indent > indent)
                BlockNode(indent);
            else if (_indent == indent && AtEntry())
                BlockSequence(indent);
            else
                Empty(afterColon);
            return;
        }
        InlineValue(indent, entry: false);
    }

    private void Empty((int Offset, int Line, int LineStart) mark) =>
        _out.AddRaw(ScalarStyle.Plain, mark.Offset, mark.Line, mark.LineStart, mark.Offset, 0);

    private void BlockSequence(int indent)
    {
        _out.Add(TokenKind.SequenceStart, _pos, _line, _lineStart);
        while (true)
        {
            _pos++;
            var afterDash = (_pos, _line, _lineStart);
            while (At(_pos) == (byte)' ')
                _pos++;
            if (IsBreak(_pos) || _t[_pos] == (byte)'#')
            {
                EndOfLine();
                _indent = SkipToContent();
                if (_indent > indent)
                    BlockNode(indent);
                else
                    Empty(afterDash);
            }
            else
            {
                InlineValue(indent, entry: true);
            }
            if (_indent == indent && AtEntry())
                continue;
            if (_indent <= indent)
                break;
            throw Unsupported("indentation");
        }
        _out.Add(TokenKind.SequenceEnd, _pos, _line, _lineStart);
    }

    /// <summary>
    /// A node that starts on the current line after a key's colon, a sequence entry's dash or at a content
    /// line; in an entry it may be a compact mapping or sequence. Leaves the position at the next content line.
    /// </summary>
    private void InlineValue(int parentIndent, bool entry)
    {
        var c = _t[_pos];
        switch (c)
        {
            case (byte)'[' or (byte)'{':
                Flow();
                EndOfLine();
                _indent = SkipToContent();
                return;
            case (byte)'|':
                Literal(parentIndent);
                return;
            case (byte)'>' or (byte)'&' or (byte)'*' or (byte)'!' or (byte)'%' or (byte)'@' or (byte)'`' or (byte)'\t':
                throw Unsupported($"'{(char)c}' starting a node");
        }
        if (c is (byte)'?' or (byte)':' && IsBlankOrBreak(_pos + 1))
            throw Unsupported("an explicit key or value");
        if (AtEntry())
        {
            if (!entry)
                throw Unsupported("a sequence entry after a key");
            BlockSequence(Column);
            return;
        }
        if (entry && IsKey())
        {
            BlockMapping(Column);
            return;
        }
        if (c is (byte)'"' or (byte)'\'')
        {
            Quoted(singleLine: false);
            EndOfLine();
            _indent = SkipToContent();
            return;
        }
        Plain(parentIndent);
    }

    /// <summary>A plain scalar in block context, possibly continued on more indented lines (folded as YAML does).</summary>
    private void Plain(int parentIndent)
    {
        var (offset, line, lineStart) = (_pos, _line, _lineStart);
        CheckPlainStart(_pos);
        var end = PlainLineEnd();
        var commented = At(_pos) == (byte)'#';
        EndOfLine();
        List<(int Start, int End, int Breaks)>? more = null;
        while (!commented && Continuation(parentIndent) is var breaks and > 0)
        {
            var start = _pos;
            (more ??= []).Add((start, PlainLineEnd(), breaks));
            commented = At(_pos) == (byte)'#';
            EndOfLine();
        }
        _indent = SkipToContent();
        if (more is null)
        {
            _out.AddRaw(ScalarStyle.Plain, offset, line, lineStart, offset, end - offset);
            return;
        }
        _cook.Clear().Append(Encoding.UTF8.GetString(_t, offset, end - offset));
        foreach (var (start, stop, breaks) in more)
        {
            if (breaks == 1)
                _cook.Append(' ');
            else
                _cook.Append('\n', breaks - 1);
            _cook.Append(Encoding.UTF8.GetString(_t, start, stop - start));
        }
        _out.AddCooked(ScalarStyle.Plain, offset, line, lineStart, _cook.ToString());
    }

    /// <summary>
    /// At a line start after a plain scalar's line: when a continuation line (more indented than the parent, not a
    /// comment or marker) follows, moves to its text and returns the line breaks before it; otherwise 0, having
    /// skipped only blanks.
    /// </summary>
    private int Continuation(int parentIndent)
    {
        var breaks = 1;
        while (true)
        {
            while (At(_pos) == (byte)' ')
                _pos++;
            if (_pos >= _end || _t[_pos] is not ((byte)'\n' or (byte)'\r'))
                break;
            NewLine();
            breaks++;
        }
        if (_pos >= _end || Column <= parentIndent || _t[_pos] == (byte)'#' || Column == 0 && (AtMarkerAt(_pos, (byte)'-') || AtMarkerAt(_pos, (byte)'.')))
            return 0;
        if (_t[_pos] == (byte)'\t')
            throw Unsupported("a tab");
        CheckPlainStart(_pos);
        if (AtEntry() || _t[_pos] is (byte)'-' or (byte)'[' or (byte)'{' or (byte)'"' or (byte)'\'')
            throw Unsupported("a continuation line that looks like a node");
        return breaks;
    }

    /// <summary>The end (trailing blanks excluded) of a plain scalar's text on the current line; the position moves there.</summary>
    private int PlainLineEnd()
    {
        var start = _pos;
        while (!IsBreak(_pos))
        {
            var c = _t[_pos];
            if (c == (byte)':' && IsBlankOrBreak(_pos + 1))
                throw Unsupported("a colon in a plain value");
            if (c == (byte)'#' && _t[_pos - 1] == (byte)' ')
                break;
            if (c == (byte)'\t')
                throw Unsupported("a tab");
            _pos++;
        }
        var end = _pos;
        while (end > start && _t[end - 1] == (byte)' ')
            end--;
        CheckPlainContent(start, end);
        return end;
    }

    private void CheckPlainStart(int position)
    {
        var c = At(position);
        if (c is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'#' or (byte)'&' or (byte)'*' or (byte)'!'
            or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`')
            throw Unsupported("a plain scalar starting with an indicator");
    }

    /// <summary>Bytes YAML does not allow in plain text, or reads differently (control characters, other line breaks).</summary>
    private void CheckPlainContent(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = _t[i];
            if (c < 0x20 || c == 0x7F || c == 0xC2 && At(i + 1) == 0x85 || c == 0xE2 && At(i + 1) == 0x80 && At(i + 2) is 0xA8 or 0xA9 || c == 0xEF && At(i + 1) == 0xBB && At(i + 2) == 0xBF)
                throw Unsupported("a control character or special line break");
        }
    }

    /// <summary>A single- or double-quoted scalar at the position; the position moves past the closing quote.</summary>
    private void Quoted(bool singleLine)
    {
        var quote = _t[_pos];
        var (offset, line, lineStart) = (_pos, _line, _lineStart);
        _pos++;
        var start = _pos;
        var plain = true;
        while (true)
        {
            if (_pos >= _end)
                throw Unsupported("an unterminated quoted scalar");
            var c = _t[_pos];
            if (c == quote)
            {
                if (quote == (byte)'\'' && At(_pos + 1) == quote)
                {
                    plain = false;
                    _pos += 2;
                    continue;
                }
                break;
            }
            if (c is (byte)'\n' or (byte)'\r')
            {
                if (singleLine)
                    throw Unsupported("a multi-line key");
                plain = false;
                NewLine();
                if (AtMarker((byte)'-') || AtMarker((byte)'.'))
                    throw Unsupported("a document marker in a quoted scalar");
                continue;
            }
            if (c == (byte)'\\' && quote == (byte)'"')
            {
                plain = false;
                _pos += 2;
                continue;
            }
            if (c < 0x20 && c != (byte)'\t' || c == 0x7F)
                throw Unsupported("a control character");
            _pos++;
        }
        var end = _pos;
        _pos++;
        var style = quote == (byte)'"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
        if (plain)
            _out.AddRaw(style, offset, line, lineStart, start, end - start);
        else
            _out.AddCooked(style, offset, line, lineStart, QuotedValue(Encoding.UTF8.GetString(_t, start, end - start), quote == (byte)'"'));
    }

    /// <summary>A quoted scalar's value: escapes decoded, line breaks folded (one break a space, more breaks all but one kept).</summary>
    private string QuotedValue(string raw, bool doubleQuoted)
    {
        _cook.Clear();
        var keep = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is '\r' or '\n')
            {
                var length = _cook.Length;
                while (length > keep && _cook[length - 1] is ' ' or '\t')
                    length--;
                _cook.Length = length;
                var breaks = 0;
                while (i < raw.Length && raw[i] is '\r' or '\n' or ' ' or '\t')
                {
                    if (raw[i] == '\n')
                        breaks++;
                    i++;
                }
                _cook.Append(breaks == 1 ? " " : new string('\n', breaks - 1));
                i--;
                keep = _cook.Length;
                continue;
            }
            if (c == '\'' && !doubleQuoted)
            {
                _cook.Append('\'');
                i++;
                keep = _cook.Length;
                continue;
            }
            if (c == '\\' && doubleQuoted)
            {
                i = Escape(raw, i + 1);
                keep = _cook.Length;
                continue;
            }
            _cook.Append(c);
        }
        return _cook.ToString();
    }

    /// <summary>Appends the escape starting at <paramref name="i"/> (past the backslash); the index of its last character.</summary>
    private int Escape(string raw, int i)
    {
        var c = raw[i];
        switch (c)
        {
            case '0': _cook.Append('\0'); return i;
            case 'a': _cook.Append('\a'); return i;
            case 'b': _cook.Append('\b'); return i;
            case 't' or '\t': _cook.Append('\t'); return i;
            case 'n': _cook.Append('\n'); return i;
            case 'v': _cook.Append('\v'); return i;
            case 'f': _cook.Append('\f'); return i;
            case 'r': _cook.Append('\r'); return i;
            case 'e': _cook.Append('\x1B'); return i;
            case ' ' or '"' or '/' or '\\': _cook.Append(c); return i;
            case 'x' or 'u':
                var digits = c == 'x' ? 2 : 4;
                if (i + digits >= raw.Length || !int.TryParse(raw.AsSpan(i + 1, digits), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code) || code is >= 0xD800 and <= 0xDFFF)
                    throw Unsupported("an escape");
                _cook.Append((char)code);
                return i + digits;
            case '\r' or '\n':
                while (i < raw.Length && raw[i] is '\r' or '\n')
                    i++;
                while (i < raw.Length && raw[i] is ' ' or '\t')
                    i++;
                return i - 1;
            default:
                throw Unsupported("an escape");
        }
    }

    /// <summary>A literal block scalar (<c>|</c>, <c>|-</c>, <c>|+</c>); leaves the position at the next content line.</summary>
    private void Literal(int parentIndent)
    {
        var (offset, line, lineStart) = (_pos, _line, _lineStart);
        _pos++;
        var chomp = ' ';
        if (At(_pos) is (byte)'-' or (byte)'+')
            chomp = (char)_t[_pos++];
        if (At(_pos) is >= (byte)'0' and <= (byte)'9')
            throw Unsupported("an indentation indicator");
        EndOfLine();
        var lines = new List<(int Start, int End)>();
        var indent = -1;
        var leading = 0;
        while (_pos < _end)
        {
            var start = _pos;
            while (At(_pos) == (byte)' ')
                _pos++;
            var spaces = _pos - start;
            if (IsBreak(_pos))
            {
                if (indent >= 0 && spaces > indent)
                    throw Unsupported("blanks beyond the indentation on an empty line of a block scalar");
                leading = Math.Max(leading, spaces);
                if (_pos >= _end)
                    break;
                lines.Add((_pos, _pos));
                NewLine();
                continue;
            }
            if (indent < 0)
            {
                if (spaces <= parentIndent || spaces < leading)
                    throw Unsupported(spaces <= parentIndent ? "an empty block scalar" : "leading empty lines more indented than the text");
                indent = spaces;
            }
            if (spaces < indent)
            {
                _pos = start;
                break;
            }
            var textStart = start + indent;
            while (!IsBreak(_pos))
                _pos++;
            if (_pos >= _end)
                throw Unsupported("a block scalar ending the file without a line break");
            lines.Add((textStart, _pos));
            NewLine();
        }
        if (indent < 0)
            throw Unsupported("an empty block scalar");
        var last = lines.Count - 1;
        while (last >= 0 && lines[last].Start == lines[last].End)
            last--;
        _cook.Clear();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
                _cook.Append('\n');
            _cook.Append(Encoding.UTF8.GetString(_t, lines[i].Start, lines[i].End - lines[i].Start));
        }
        if (chomp == ' ')
            _cook.Append('\n');
        else if (chomp == '+')
            _cook.Append('\n', lines.Count - last);
        _out.AddCooked(ScalarStyle.Literal, offset, line, lineStart, _cook.ToString());
        _indent = SkipToContent();
    }

    private bool AtMarkerAt(int position, byte c) =>
        At(position) == c && At(position + 1) == c && At(position + 2) == c && IsBlankOrBreak(position + 3);

    /// <summary>A flow mapping or sequence at the position; the position moves past its closing bracket.</summary>
    private void Flow()
    {
        var mapping = _t[_pos] == (byte)'{';
        _out.Add(mapping ? TokenKind.MappingStart : TokenKind.SequenceStart, _pos, _line, _lineStart, flow: true);
        _pos++;
        var close = mapping ? (byte)'}' : (byte)']';
        var keys = mapping ? _keyLists.Count > 0 ? _keyLists.Pop() : [] : null;
        keys?.Clear();
        while (true)
        {
            FlowSpace();
            if (At(_pos) == close)
                break;
            if (mapping)
            {
                keys!.Add(_out.Count);
                var quoted = _t[_pos] is (byte)'"' or (byte)'\'';
                FlowScalar(key: true);
                CheckDuplicate(keys);
                FlowSpace();
                if (At(_pos) != (byte)':' || !quoted && !IsFlowValueIndicator(_pos + 1))
                    throw Unsupported("a flow mapping entry without a value");
                _pos++;
                FlowSpace();
                if (At(_pos) is (byte)',' or (byte)'}')
                    throw Unsupported("an empty flow value");
            }
            FlowNode();
            FlowSpace();
            if (!mapping && At(_pos) == (byte)':')
                throw Unsupported("a mapping in a flow sequence");
            if (At(_pos) == (byte)',')
            {
                _pos++;
                continue;
            }
            if (At(_pos) != close)
                throw Unsupported("a malformed flow collection");
        }
        _pos++;
        if (keys is not null)
            _keyLists.Push(keys);
        _out.Add(mapping ? TokenKind.MappingEnd : TokenKind.SequenceEnd, _pos, _line, _lineStart, flow: true);
    }

    private bool IsFlowValueIndicator(int position) => IsBlankOrBreak(position) || At(position) is (byte)',' or (byte)']' or (byte)'}' or (byte)'[' or (byte)'{';

    private void FlowNode()
    {
        var c = At(_pos);
        if (c is (byte)'[' or (byte)'{')
            Flow();
        else
            FlowScalar(key: false);
    }

    /// <summary>A quoted or single-line plain scalar in a flow collection.</summary>
    private void FlowScalar(bool key)
    {
        var c = At(_pos);
        if (c is (byte)'"' or (byte)'\'')
        {
            Quoted(singleLine: key);
            return;
        }
        if (c is (byte)'[' or (byte)'{' && key)
            throw Unsupported("a collection as a key");
        if (c is (byte)'-' or (byte)'?' or (byte)':' && IsBlankOrBreak(_pos + 1))
            throw Unsupported("an indicator in a flow collection");
        CheckPlainStart(_pos);
        var start = _pos;
        while (!IsBreak(_pos))
        {
            var b = _t[_pos];
            if (b is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' || b == (byte)':' && IsFlowValueIndicator(_pos + 1) || b == (byte)'#' && _t[_pos - 1] == (byte)' ')
                break;
            if (b == (byte)'\t')
                throw Unsupported("a tab");
            _pos++;
        }
        var end = _pos;
        while (end > start && _t[end - 1] == (byte)' ')
            end--;
        if (end == start)
            throw Unsupported("an empty flow scalar");
        CheckPlainContent(start, end);
        _out.AddRaw(ScalarStyle.Plain, start, _line, _lineStart, start, end - start);
        FlowSpace();
        if (At(_pos) is not ((byte)',' or (byte)']' or (byte)'}' or (byte)':'))
            throw Unsupported("a multi-line plain scalar in a flow collection");
    }

    /// <summary>Skips blanks, line breaks and comments between flow entries.</summary>
    private void FlowSpace()
    {
        while (_pos < _end)
        {
            var c = _t[_pos];
            if (c == (byte)' ')
                _pos++;
            else if (c is (byte)'\n' or (byte)'\r')
            {
                NewLine();
                if (AtMarker((byte)'-') || AtMarker((byte)'.'))
                    throw Unsupported("a document marker in a flow collection");
            }
            else if (c == (byte)'#' && (_pos == _lineStart || _t[_pos - 1] == (byte)' '))
            {
                while (!IsBreak(_pos))
                    _pos++;
            }
            else if (c == (byte)'\t')
                throw Unsupported("a tab");
            else
                return;
        }
    }
}
