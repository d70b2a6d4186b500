using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Expands merge keys (<c>&lt;&lt;: *base</c>, <c>&lt;&lt;: {a: b}</c>, <c>&lt;&lt;: [*a, *b]</c>) as kubectl's YAML 1.1
/// reading does: the merged mappings' entries join the mapping unless it sets the key itself, and of several sources
/// the first that sets a key wins. Runs on events whose aliases are expanded already (<see cref="Aliases"/>), so a
/// merge value is a mapping or a list of them; YamlDotNet's merging parser takes aliases only.
/// </summary>
internal static class MergeKeys
{
    /// <summary>The events with every merge key expanded.</summary>
    public static List<ParsingEvent> Expand(string file, List<ParsingEvent> events)
    {
        var output = new List<ParsingEvent>(events.Count);
        for (var i = 0; i < events.Count;)
        {
            if (events[i] is NodeEvent)
                i = Copy(file, events, i, output);
            else
                output.Add(events[i++]);
        }
        return output;
    }

    /// <summary>Copies the node at <paramref name="start"/> with its merge keys expanded; returns the index past it.</summary>
    private static int Copy(string file, List<ParsingEvent> events, int start, List<ParsingEvent> output)
    {
        var end = YamlEvents.NodeEnd(events, start);
        switch (events[start])
        {
            case MappingStart:
                CopyMapping(file, events, start, end, output);
                break;
            case SequenceStart:
                output.Add(events[start]);
                for (var i = start + 1; i < end - 1;)
                    i = Copy(file, events, i, output);
                output.Add(events[end - 1]);
                break;
            default:
                output.Add(events[start]);
                break;
        }
        return end;
    }

    private static void CopyMapping(string file, List<ParsingEvent> events, int start, int end, List<ParsingEvent> output)
    {
        output.Add(events[start]);
        var merges = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var key = start + 1; key < end - 1;)
        {
            var value = YamlEvents.NodeEnd(events, key);
            var next = YamlEvents.NodeEnd(events, value);
            if (events[key] is Scalar { Value: "<<", Style: ScalarStyle.Plain })
            {
                merges.Add(value);
            }
            else
            {
                if (events[key] is Scalar scalar)
                    seen.Add(scalar.Value);
                Copy(file, events, key, output);
                Copy(file, events, value, output);
            }
            key = next;
        }
        foreach (var value in merges)
        {
            foreach (var source in Sources(file, events, value))
                CopyMissing(file, events, source, output, seen);
        }
        output.Add(events[end - 1]);
    }

    /// <summary>The mappings a merge value names: itself, or the items of its list.</summary>
    private static IEnumerable<int> Sources(string file, List<ParsingEvent> events, int value)
    {
        if (events[value] is MappingStart)
            return [value];
        var sources = new List<int>();
        if (events[value] is SequenceStart)
        {
            var end = YamlEvents.NodeEnd(events, value);
            for (var i = value + 1; i < end - 1; i = YamlEvents.NodeEnd(events, i))
            {
                if (events[i] is not MappingStart)
                    throw NotMappings(file, events[i]);
                sources.Add(i);
            }
            return sources;
        }
        throw NotMappings(file, events[value]);
    }

    /// <summary>Copies the entries of the source mapping (its own merges expanded) whose keys are not set yet.</summary>
    private static void CopyMissing(string file, List<ParsingEvent> events, int source, List<ParsingEvent> output, HashSet<string> seen)
    {
        var expanded = new List<ParsingEvent>();
        Copy(file, events, source, expanded);
        for (var key = 1; key < expanded.Count - 1;)
        {
            var value = YamlEvents.NodeEnd(expanded, key);
            var next = YamlEvents.NodeEnd(expanded, value);
            if (expanded[key] is not Scalar scalar || seen.Add(scalar.Value))
                output.AddRange(expanded.GetRange(key, next - key));
            key = next;
        }
    }

    private static InvalidInputException NotMappings(string file, ParsingEvent at) =>
        new(new SourceLocation(file, (int)at.Start.Line, (int)at.Start.Column), null, null,
            "malformed YAML/JSON: a merge key (<<) takes a mapping or a list of mappings (an alias *name of one, or [*a, *b])");
}
