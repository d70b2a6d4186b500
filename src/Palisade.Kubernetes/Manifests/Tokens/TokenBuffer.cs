using System.Text;
using YamlDotNet.Core;

namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// The tokens of one object (or document) over the bytes of its file, with the scalar values that had to be
/// decoded (escapes, folded lines). Values are compared and decoded only when asked.
/// </summary>
internal sealed class TokenBuffer(byte[] text, int capacity = 256)
{
    private Token[] _tokens = new Token[capacity];
    private readonly List<string> _cooked = [];
    private readonly Stack<int> _open = new();

    /// <summary>The number of tokens.</summary>
    public int Count { get; private set; }

    /// <summary>A token by index.</summary>
    public ref Token this[int index] => ref _tokens[index];

    /// <summary>Forgets every token.</summary>
    public void Clear()
    {
        Count = 0;
        _cooked.Clear();
        _open.Clear();
    }

    /// <summary>Appends a collection start or end; an end tells its start where it ends.</summary>
    public void Add(TokenKind kind, int offset, int line, int lineStart, bool flow = false)
    {
        if (kind is TokenKind.MappingStart or TokenKind.SequenceStart)
            _open.Push(Count);
        else
            _tokens[_open.Pop()].End = Count + 1;
        Append(new Token { Kind = kind, Offset = offset, Line = line, LineStart = lineStart, Flow = flow, Cooked = -1 });
    }

    /// <summary>Appends a scalar whose value is the bytes in the range.</summary>
    public void AddRaw(ScalarStyle style, int offset, int line, int lineStart, int valueOffset, int valueLength) =>
        Append(new Token { Kind = TokenKind.Scalar, Style = style, Offset = offset, Line = line, LineStart = lineStart, ValueOffset = valueOffset, ValueLength = valueLength, Cooked = -1 });

    /// <summary>Appends a scalar with a decoded value.</summary>
    public void AddCooked(ScalarStyle style, int offset, int line, int lineStart, string value)
    {
        _cooked.Add(value);
        Append(new Token { Kind = TokenKind.Scalar, Style = style, Offset = offset, Line = line, LineStart = lineStart, Cooked = _cooked.Count - 1 });
    }

    private void Append(Token token)
    {
        if (Count == _tokens.Length)
            Array.Resize(ref _tokens, Count * 2);
        _tokens[Count++] = token;
    }

    /// <summary>A scalar's value.</summary>
    public string Value(int index)
    {
        ref var token = ref _tokens[index];
        return token.Cooked >= 0 ? _cooked[token.Cooked] : Encoding.UTF8.GetString(text, token.ValueOffset, token.ValueLength);
    }

    /// <summary>Whether a scalar's value is the given text (ASCII).</summary>
    public bool ValueIs(int index, ReadOnlySpan<byte> ascii)
    {
        ref var token = ref _tokens[index];
        if (token.Cooked >= 0)
            return Ascii.Equals(ascii, _cooked[token.Cooked]);
        return text.AsSpan(token.ValueOffset, token.ValueLength).SequenceEqual(ascii);
    }

    /// <summary>Whether two scalars have the same value.</summary>
    public bool SameValue(int a, int b)
    {
        ref var x = ref _tokens[a];
        ref var y = ref _tokens[b];
        if (x.Cooked < 0 && y.Cooked < 0)
            return text.AsSpan(x.ValueOffset, x.ValueLength).SequenceEqual(text.AsSpan(y.ValueOffset, y.ValueLength));
        return Value(a) == Value(b);
    }

    /// <summary>A scalar's raw value bytes; only for scalars that were not decoded.</summary>
    public ReadOnlySpan<byte> RawValue(int index) => _tokens[index].Cooked >= 0 ? Encoding.UTF8.GetBytes(_cooked[_tokens[index].Cooked]) : text.AsSpan(_tokens[index].ValueOffset, _tokens[index].ValueLength);

    /// <summary>Whether the token is a plain scalar YAML reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull(int index)
    {
        ref var token = ref _tokens[index];
        if (token.Kind != TokenKind.Scalar || token.Style != ScalarStyle.Plain)
            return false;
        return token.ValueLength == 0 && token.Cooked < 0 || ValueIs(index, "~"u8) || ValueIs(index, "null"u8) || ValueIs(index, "Null"u8) || ValueIs(index, "NULL"u8);
    }

    /// <summary>The 1-based line and column where the token's node starts, as YamlDotNet counts them (UTF-16 units).</summary>
    public (int Line, int Column) Mark(int index)
    {
        ref var token = ref _tokens[index];
        var prefix = text.AsSpan(token.LineStart, token.Offset - token.LineStart);
        return (token.Line, (Ascii.IsValid(prefix) ? prefix.Length : Encoding.UTF8.GetCharCount(prefix)) + 1);
    }

    /// <summary>The location of the token's node in the file.</summary>
    public SourceLocation Locate(string file, int index)
    {
        var (line, column) = Mark(index);
        return new SourceLocation(file, line, column);
    }
}
