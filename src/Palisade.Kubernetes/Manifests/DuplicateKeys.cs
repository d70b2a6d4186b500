using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Finds a key given twice in one mapping. YamlDotNet keeps the last silently; kubectl and the API server reject the
/// document, and a policy whose second <c>ingress:</c> replaces the first would be analysed without the rules
/// its author sees first.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Throws <see cref="InvalidInputException"/> at the second of the first repeated key of the parsed file.</summary>
    public static void Check(string file, IReadOnlyList<ParsingEvent> events)
    {
        var walk = new Walk(file, events);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is DocumentStart && i + 1 < events.Count && events[i + 1] is not DocumentEnd)
            {
                walk.Root = i + 1;
                i = walk.Node(i + 1, 0) - 1;
            }
        }
    }

    private sealed class Walk(string file, IReadOnlyList<ParsingEvent> events)
    {
        // One set of keys per depth, reused from mapping to mapping.
        private readonly List<Dictionary<string, int>> _keys = [];
        private readonly List<(string? Key, int Index)> _path = [];

        public int Root { get; set; }

        /// <summary>Checks the node at <paramref name="i"/> and returns the index just past it.</summary>
        public int Node(int i, int depth)
        {
            switch (events[i])
            {
                case MappingStart:
                    while (_keys.Count <= depth)
                        _keys.Add(new Dictionary<string, int>(StringComparer.Ordinal));
                    var keys = _keys[depth];
                    keys.Clear();
                    i++;
                    while (events[i] is not MappingEnd)
                    {
                        var key = events[i] as Scalar;
                        // A merge key may repeat (<<: *a, <<: *b), and the keys it brings may be overridden.
                        if (key is not null && key is not { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain } && !keys.TryAdd(key.Value, i))
                            throw Repeated(i, keys[key.Value]);
                        i = YamlEvents.NodeEnd(events, i);
                        _path.Add((key?.Value, 0));
                        i = Node(i, depth + 1);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    return i + 1;
                case SequenceStart:
                    i++;
                    for (var index = 0; events[i] is not SequenceEnd; index++)
                    {
                        _path.Add((null, index));
                        i = Node(i, depth + 1);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    return i + 1;
                default:
                    return YamlEvents.NodeEnd(events, i);
            }
        }

        private InvalidInputException Repeated(int second, int first)
        {
            // The object is the document, or the item of a List the key is in.
            var objectStart = Root;
            var skip = 0;
            if (_path.Count >= 2 && _path[0].Key == "items" && _path[1].Key is null && YamlEvents.FindValue(events, Root, YamlEvents.NodeEnd(events, Root), "items") is { } items)
            {
                objectStart = items + 1;
                for (var n = 0; n < _path[1].Index; n++)
                    objectStart = YamlEvents.NodeEnd(events, objectStart);
                skip = 2;
            }
            var end = YamlEvents.NodeEnd(events, objectStart);
            var kind = YamlEvents.TopLevelScalars(events, objectStart, end).GetValueOrDefault("kind");
            var field = new System.Text.StringBuilder();
            for (var n = skip; n < _path.Count; n++)
            {
                if (_path[n].Key is { } key)
                    field.Append(field.Length == 0 ? "" : ".").Append(key);
                else
                    field.Append('[').Append(_path[n].Index).Append(']');
            }
            var name = ((Scalar)events[second]).Value;
            field.Append(field.Length == 0 ? "" : ".").Append(name);
            var at = events[second].Start;
            return new InvalidInputException(new SourceLocation(file, (int)at.Line, (int)at.Column),
                string.IsNullOrEmpty(kind) ? null : $"{kind} {YamlEvents.ObjectName(events, objectStart, end)}", field.ToString(),
                $"declared twice in one mapping (first at line {events[first].Start.Line}); the API server rejects duplicate fields");
        }
    }
}
