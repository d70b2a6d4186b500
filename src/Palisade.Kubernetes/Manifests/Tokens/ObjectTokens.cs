namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// Where one object starts in its file, to read its tokens again on demand: the fast reader keeps neither marks nor
/// tokens, so locations and whole bodies are worked out from here when first asked. Immutable; each call reads anew.
/// </summary>
internal sealed class ObjectTokens(byte[] text, bool json, int offset, int line, int lineStart)
{
    /// <summary>The object's tokens, read again from its start.</summary>
    public TokenBuffer Read()
    {
        var again = new TokenBuffer(text);
        if (json)
            JsonTokenizer.Read(text, offset, line, lineStart, again, whole: false);
        else
            new YamlTokenizer(text, offset).Node(again, offset, line, lineStart, offset - lineStart - 1);
        return again;
    }

    /// <summary>Every field's mark (<see cref="TokenTree.FieldMarks"/>).</summary>
    public IReadOnlyDictionary<string, (int Line, int Column)> FieldMarks() => TokenTree.FieldMarks(Read(), 0);

    /// <summary>One field's mark (<see cref="TokenTree.MarkOf"/>), without working out the others.</summary>
    public (int Line, int Column)? MarkOf(string path) => TokenTree.MarkOf(Read(), 0, path);
}
