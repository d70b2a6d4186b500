using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>Navigation over a token buffer, as <see cref="YamlEvents"/> navigates YamlDotNet's events: node extents, keys, marks.</summary>
internal static class TokenTree
{
    /// <summary>The index just past the node starting at <paramref name="start"/>.</summary>
    public static int NodeEnd(TokenBuffer tokens, int start) =>
        tokens[start].Kind is TokenKind.MappingStart or TokenKind.SequenceStart ? tokens[start].End : start + 1;

    /// <summary>The index of the value under the (ASCII) key of the mapping at <paramref name="mapping"/>, or -1.</summary>
    public static int Find(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key)
    {
        if (mapping < 0 || tokens[mapping].Kind != TokenKind.MappingStart)
            return -1;
        var i = mapping + 1;
        while (tokens[i].Kind != TokenKind.MappingEnd)
        {
            var value = i + 1;
            if (tokens.ValueIs(i, key))
                return value;
            i = NodeEnd(tokens, value);
        }
        return -1;
    }

    /// <summary>A scalar value under the key, or null when absent or not a scalar.</summary>
    public static string? Scalar(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key)
    {
        var value = Find(tokens, mapping, key);
        return value >= 0 && tokens[value].Kind == TokenKind.Scalar ? tokens.Value(value) : null;
    }

    /// <summary>The items of the sequence at <paramref name="sequence"/> (none for anything else).</summary>
    public static IEnumerable<int> Items(TokenBuffer tokens, int sequence)
    {
        if (sequence < 0 || tokens[sequence].Kind != TokenKind.SequenceStart)
            yield break;
        var i = sequence + 1;
        while (tokens[i].Kind != TokenKind.SequenceEnd)
        {
            yield return i;
            i = NodeEnd(tokens, i);
        }
    }

    /// <summary>The keys (token indices) of the mapping at <paramref name="mapping"/>, each with its value's index.</summary>
    public static IEnumerable<(int Key, int Value)> Entries(TokenBuffer tokens, int mapping)
    {
        if (mapping < 0 || tokens[mapping].Kind != TokenKind.MappingStart)
            yield break;
        var i = mapping + 1;
        while (tokens[i].Kind != TokenKind.MappingEnd)
        {
            yield return (i, i + 1);
            i = NodeEnd(tokens, i + 1);
        }
    }

    /// <summary><c>ns/name</c>, <c>name</c> or <c>(unnamed)</c> from the object's metadata, for messages.</summary>
    public static string ObjectName(TokenBuffer tokens, int start)
    {
        var metadata = Find(tokens, start, "metadata"u8);
        if (metadata < 0)
            return "(unnamed)";
        var name = Scalar(tokens, metadata, "name"u8);
        var ns = Scalar(tokens, metadata, "namespace"u8);
        name = string.IsNullOrEmpty(name) ? "(unnamed)" : name;
        return string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
    }

    /// <summary>The start of every node in the object at <paramref name="start"/>, keyed by its JSON path.</summary>
    public static Dictionary<string, (int Line, int Column)> FieldMarks(TokenBuffer tokens, int start)
    {
        var marks = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        Record(tokens, start, "", marks);
        return marks;
    }

    /// <summary>
    /// The start of the node whose JSON path is <paramref name="path"/>, the one <see cref="FieldMarks"/> would hold
    /// for it (the first such node in document order), or null. Walks only the mappings and sequences the path names,
    /// so locating a few fields of an object costs neither a string per field nor a dictionary.
    /// </summary>
    public static (int Line, int Column)? MarkOf(TokenBuffer tokens, int start, string path) =>
        path.Length == 0 ? null : Match(tokens, start, path, 0, root: true);

    private static (int Line, int Column)? Match(TokenBuffer tokens, int i, string path, int at, bool root)
    {
        if (at == path.Length)
            return tokens.Mark(i);
        switch (tokens[i].Kind)
        {
            case TokenKind.MappingStart when root || path[at] == '.':
                var keyAt = root ? at : at + 1;
                for (var key = i + 1; tokens[key].Kind != TokenKind.MappingEnd; key = NodeEnd(tokens, key + 1))
                {
                    // A key holding dots ("app.kubernetes.io/name") is matched whole, so several keys may fit: try each in order.
                    if (tokens[key].Kind != TokenKind.Scalar)
                        continue;
                    var name = tokens.Value(key);
                    if (path.AsSpan(keyAt).StartsWith(name, StringComparison.Ordinal) && Match(tokens, key + 1, path, keyAt + name.Length, root: false) is { } mark)
                        return mark;
                }
                return null;
            case TokenKind.SequenceStart when path[at] == '[':
                var close = path.IndexOf(']', at);
                if (close < 0 || !int.TryParse(path.AsSpan(at + 1, close - at - 1), System.Globalization.NumberStyles.None, null, out var index))
                    return null;
                var item = i + 1;
                for (var n = 0; n < index && tokens[item].Kind != TokenKind.SequenceEnd; n++)
                    item = NodeEnd(tokens, item);
                return tokens[item].Kind == TokenKind.SequenceEnd ? null : Match(tokens, item, path, close + 1, root: false);
            default:
                return null;
        }
    }

    private static int Record(TokenBuffer tokens, int i, string path, Dictionary<string, (int Line, int Column)> marks)
    {
        if (path.Length > 0)
            marks.TryAdd(path, tokens.Mark(i));
        switch (tokens[i].Kind)
        {
            case TokenKind.MappingStart:
                i++;
                while (tokens[i].Kind != TokenKind.MappingEnd)
                {
                    var key = tokens[i].Kind == TokenKind.Scalar ? tokens.Value(i) : null;
                    i = NodeEnd(tokens, i);
                    i = key is null ? NodeEnd(tokens, i) : Record(tokens, i, path.Length == 0 ? key : $"{path}.{key}", marks);
                }
                return i + 1;
            case TokenKind.SequenceStart:
                i++;
                for (var index = 0; tokens[i].Kind != TokenKind.SequenceEnd; index++)
                    i = Record(tokens, i, $"{path}[{index}]", marks);
                return i + 1;
            default:
                return i + 1;
        }
    }

    /// <summary>Whether some sequence in the node holds a null item (which the general reader rejects).</summary>
    public static bool HasNullItem(TokenBuffer tokens, int start, int end)
    {
        var depth = new Stack<bool>();
        for (var i = start; i < end; i++)
        {
            switch (tokens[i].Kind)
            {
                case TokenKind.MappingStart:
                    depth.Push(false);
                    break;
                case TokenKind.SequenceStart:
                    depth.Push(true);
                    break;
                case TokenKind.MappingEnd or TokenKind.SequenceEnd:
                    depth.Pop();
                    break;
                default:
                    if (depth.Count > 0 && depth.Peek() && tokens.IsNull(i))
                        return true;
                    break;
            }
        }
        return false;
    }

    /// <summary>The node as YamlDotNet's parsing events, for the general deserializer.</summary>
    public static List<ParsingEvent> Events(TokenBuffer tokens, int start, int end)
    {
        var events = new List<ParsingEvent>(end - start);
        for (var i = start; i < end; i++)
        {
            var (line, column) = tokens.Mark(i);
            var mark = new Mark(0, line, column);
            ref var token = ref tokens[i];
            var style = token.Flow ? YamlDotNet.Core.Events.MappingStyle.Flow : YamlDotNet.Core.Events.MappingStyle.Block;
            events.Add(token.Kind switch
            {
                TokenKind.MappingStart => new MappingStart(AnchorName.Empty, TagName.Empty, true, style, mark, mark),
                TokenKind.MappingEnd => new MappingEnd(mark, mark),
                TokenKind.SequenceStart => new SequenceStart(AnchorName.Empty, TagName.Empty, true,
                    token.Flow ? SequenceStyle.Flow : SequenceStyle.Block, mark, mark),
                TokenKind.SequenceEnd => new SequenceEnd(mark, mark),
                _ => new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, tokens.Value(i), token.Style,
                    token.Style == ScalarStyle.Plain, token.Style != ScalarStyle.Plain, mark, mark),
            });
        }
        return events;
    }
}
