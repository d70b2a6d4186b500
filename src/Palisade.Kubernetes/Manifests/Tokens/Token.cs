using YamlDotNet.Core;

namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// One parsing event of the fast readers, as YamlDotNet would report it: kind, scalar style, and where the
/// node starts (byte offset, line, and the offset its line starts at, from which the column is worked out
/// on demand). A scalar's value is its raw bytes unless <see cref="Cooked"/> indexes a decoded string.
/// </summary>
internal struct Token
{
    public TokenKind Kind;

    public ScalarStyle Style;

    /// <summary>Whether a collection is in flow style (<c>{}</c>, <c>[]</c>).</summary>
    public bool Flow;

    public int Offset;

    public int Line;

    public int LineStart;

    /// <summary>For a collection start, the index just past its end token.</summary>
    public int End;

    public int ValueOffset;

    public int ValueLength;

    /// <summary>The index of the decoded value among the buffer's strings, or -1 when the raw bytes are the value.</summary>
    public int Cooked;
}
