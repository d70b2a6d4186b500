using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>Navigation over a buffered list of parsing events: node extents, keys and field marks.</summary>
internal static class YamlEvents
{
    /// <summary>The index just past the node starting at <paramref name="start"/>.</summary>
    public static int NodeEnd(IReadOnlyList<ParsingEvent> events, int start)
    {
        var depth = 0;
        var i = start;
        do
        {
            depth += events[i].NestingIncrease;
            i++;
        }
        while (depth > 0 && i < events.Count);
        return i;
    }

    /// <summary>The entries of the mapping at <paramref name="start"/>: key text and the index of each value.</summary>
    public static IEnumerable<(string Key, int Value)> Entries(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        if (events[start] is not MappingStart)
            yield break;
        var i = start + 1;
        while (i < end && events[i] is not MappingEnd)
        {
            var keyEnd = NodeEnd(events, i);
            var key = events[i] is Scalar scalar ? scalar.Value : null;
            var valueEnd = NodeEnd(events, keyEnd);
            if (key is not null)
                yield return (key, keyEnd);
            i = valueEnd;
        }
    }

    /// <summary>The top-level scalar fields of a mapping, e.g. kind and apiVersion.</summary>
    public static Dictionary<string, string> TopLevelScalars(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(events, start, end))
        {
            if (events[value] is Scalar scalar)
                result[key] = scalar.Value;
        }
        return result;
    }

    /// <summary>Whether the mapping has the key.</summary>
    public static bool HasKey(IReadOnlyList<ParsingEvent> events, int start, int end, string key) => FindValue(events, start, end, key) is not null;

    /// <summary>The index of the value under the key, or null.</summary>
    public static int? FindValue(IReadOnlyList<ParsingEvent> events, int start, int end, string key)
    {
        foreach (var (k, value) in Entries(events, start, end))
        {
            if (k == key)
                return value;
        }
        return null;
    }

    /// <summary><c>ns/name</c>, <c>name</c> or <c>(unnamed)</c> from the object's metadata, for messages.</summary>
    public static string ObjectName(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        if (FindValue(events, start, end, "metadata") is not { } metadata)
            return "(unnamed)";
        var fields = TopLevelScalars(events, metadata, NodeEnd(events, metadata));
        fields.TryGetValue("name", out var name);
        fields.TryGetValue("namespace", out var ns);
        name = string.IsNullOrEmpty(name) ? "(unnamed)" : name;
        return string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
    }

    /// <summary>The start of every node in the object, keyed by its JSON path.</summary>
    public static Dictionary<string, (int Line, int Column)> FieldMarks(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        var marks = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        Record(events, start, "", marks);
        return marks;
    }

    private static int Record(IReadOnlyList<ParsingEvent> events, int i, string path, Dictionary<string, (int Line, int Column)> marks)
    {
        var node = events[i];
        if (path.Length > 0)
            marks.TryAdd(path, ((int)node.Start.Line, (int)node.Start.Column));
        switch (node)
        {
            case MappingStart:
                i++;
                while (events[i] is not MappingEnd)
                {
                    var key = events[i] is Scalar scalar ? scalar.Value : null;
                    i = NodeEnd(events, i);
                    i = key is null ? NodeEnd(events, i) : Record(events, i, path.Length == 0 ? key : $"{path}.{key}", marks);
                }
                return i + 1;
            case SequenceStart:
                i++;
                for (var index = 0; events[i] is not SequenceEnd; index++)
                    i = Record(events, i, $"{path}[{index}]", marks);
                return i + 1;
            default:
                return NodeEnd(events, i);
        }
    }

    /// <summary>Whether some mapping has a plain <c>&lt;&lt;</c> key (a YAML merge key).</summary>
    public static bool HasMergeKey(IReadOnlyList<ParsingEvent> events)
    {
        for (var i = 0; i + 1 < events.Count; i++)
        {
            if (events[i] is MappingStart)
            {
                var j = i + 1;
                while (j < events.Count && events[j] is not MappingEnd)
                {
                    if (events[j] is Scalar { Value: "<<", Style: ScalarStyle.Plain })
                        return true;
                    j = NodeEnd(events, NodeEnd(events, j));
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The path of the first list item that is null (<c>- </c>, <c>- ~</c>, JSON <c>null</c>), which the
    /// client models turn into null entries; null when there is none.
    /// </summary>
    public static string? FirstNullItem(IReadOnlyList<ParsingEvent> events, int start, int end, string path)
    {
        if (path.Length == 0 && !HasNullItem(events, start, end))
            return null;
        switch (events[start])
        {
            case MappingStart:
                foreach (var (key, value) in Entries(events, start, end))
                {
                    if (FirstNullItem(events, value, NodeEnd(events, value), path.Length == 0 ? key : $"{path}.{key}") is { } found)
                        return found;
                }
                return null;
            case SequenceStart:
                var i = start + 1;
                for (var index = 0; events[i] is not SequenceEnd; index++)
                {
                    if (IsNullScalar(events[i]))
                        return $"{path}[{index}]";
                    var itemEnd = NodeEnd(events, i);
                    if (FirstNullItem(events, i, itemEnd, $"{path}[{index}]") is { } found)
                        return found;
                    i = itemEnd;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Whether any sequence between the bounds holds a null item; cheap, so paths are built only when one does.</summary>
    private static bool HasNullItem(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        for (var i = start + 1; i < end; i++)
        {
            if (events[i - 1] is SequenceStart or SequenceEnd or MappingEnd or Scalar && IsNullScalar(events[i]) && InSequence(events, i))
                return true;
        }
        return false;
    }

    private static bool IsNullScalar(ParsingEvent e) => e is Scalar { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Whether the node at the index is an item of a sequence (not a key or value of a mapping).</summary>
    private static bool InSequence(IReadOnlyList<ParsingEvent> events, int index)
    {
        var depth = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            switch (events[i])
            {
                case SequenceEnd or MappingEnd:
                    depth++;
                    break;
                case SequenceStart when depth == 0:
                    return true;
                case MappingStart when depth == 0:
                    return false;
                case SequenceStart or MappingStart:
                    depth--;
                    break;
            }
        }
        return false;
    }

    /// <summary>The problem a YAML exception describes, in words a manifest author understands.</summary>
    public static string Problem(YamlException e)
    {
        var message = e.InnerException is { } inner && e.Message.StartsWith("Exception during deserialization", StringComparison.Ordinal)
            ? inner.Message
            : e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        message = message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
        if (message.Contains("into type System.Int", StringComparison.Ordinal))
            return "expected an integer";
        if (message.Contains("into type System.Boolean", StringComparison.Ordinal))
            return "expected true or false";
        if (message.StartsWith("Expected 'SequenceStart', got", StringComparison.Ordinal))
            return "expected a list";
        // A scalar where an object or a list is expected fails as a conversion of the string into the field's type.
        if (message.StartsWith("Invalid cast from 'System.String'", StringComparison.Ordinal) && message.Contains("List`1", StringComparison.Ordinal))
            return "expected a list";
        if (message.StartsWith("Expected 'MappingStart', got", StringComparison.Ordinal) || message.StartsWith("Invalid cast from 'System.String'", StringComparison.Ordinal))
            return "expected a mapping";
        if (message.StartsWith("Expected 'Scalar', got", StringComparison.Ordinal))
            return "expected a single value";
        // The client's int-or-string converter refuses a collection with the parser event's own text.
        if (message.StartsWith("Mapping start [", StringComparison.Ordinal))
            return "expected a single value, not a mapping";
        if (message.StartsWith("Sequence start [", StringComparison.Ordinal))
            return "expected a single value, not a list";
        if (message.Contains("'System.String'", StringComparison.Ordinal) || message.Contains("into type System.String", StringComparison.Ordinal))
            return "expected a string";
        var position = message.IndexOf(" (at Line:", StringComparison.Ordinal);
        message = position > 0 ? message[..position] : message;
        // Never show a .NET type: name what the field wants in the manifest's terms.
        return message.Contains("System.", StringComparison.Ordinal) || message.Contains("k8s.Models", StringComparison.Ordinal) || message.Contains("Palisade.", StringComparison.Ordinal)
            ? "a value of the wrong type for this field"
            : message;
    }
}
