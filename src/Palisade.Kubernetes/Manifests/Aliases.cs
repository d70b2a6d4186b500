using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Replaces each alias (<c>*name</c>) with a copy of the events of its anchored node, so that every object can be
/// deserialised on its own even when it refers to an anchor of an earlier item of its List. Anchors are dropped
/// from the copies (the deserializer would see them declared twice).
/// </summary>
internal static class Aliases
{
    /// <summary>The events with aliases expanded; the same list when there is none.</summary>
    public static List<ParsingEvent> Expand(string file, List<ParsingEvent> events)
    {
        if (!events.Exists(e => e is AnchorAlias))
            return events;
        // A billion laughs fits in a few lines: the expansion is bounded well above any real manifest's.
        var limit = Math.Max(1_000_000, 10 * events.Count);
        var output = new List<ParsingEvent>(events.Count);
        var anchors = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
        var open = new List<(string Name, int Start, int Depth)>();
        var depth = 0;
        foreach (var e in events)
        {
            if (e is DocumentStart)
                anchors.Clear();
            if (e is AnchorAlias alias)
            {
                if (!anchors.TryGetValue(alias.Value.Value, out var node))
                {
                    throw new InvalidInputException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), null, null,
                        $"malformed YAML/JSON: alias *{alias.Value.Value} has no anchor &{alias.Value.Value} before it in its document (anchors do not reach across documents)");
                }
                if (output.Count + node.End - node.Start > limit)
                {
                    throw new InvalidInputException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), null, null,
                        $"malformed YAML/JSON: aliases expand beyond {limit} nodes (a document built to exhaust its reader?)");
                }
                for (var i = node.Start; i < node.End; i++)
                    output.Add(output[i]);
                continue;
            }
            var start = output.Count;
            if (e is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                output.Add(WithoutAnchor(anchored));
                if (e.NestingIncrease > 0)
                    open.Add((anchored.Anchor.Value, start, depth));
                else
                    anchors[anchored.Anchor.Value] = (start, start + 1);
            }
            else
            {
                output.Add(e);
            }
            depth += e.NestingIncrease;
            if (e.NestingIncrease < 0)
                Close(anchors, open, output.Count, depth);
        }
        return output;
    }

    /// <summary>Registers the anchored collections that end here (back at the depth they started at).</summary>
    private static void Close(Dictionary<string, (int Start, int End)> anchors, List<(string Name, int Start, int Depth)> open, int end, int depth)
    {
        while (open.Count > 0 && open[^1].Depth == depth)
        {
            anchors[open[^1].Name] = (open[^1].Start, end);
            open.RemoveAt(open.Count - 1);
        }
    }

    private static ParsingEvent WithoutAnchor(NodeEvent e) => e switch
    {
        Scalar s => new Scalar(AnchorName.Empty, s.Tag, s.Value, s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, s.Start, s.End),
        MappingStart m => new MappingStart(AnchorName.Empty, m.Tag, m.IsImplicit, m.Style, m.Start, m.End),
        SequenceStart q => new SequenceStart(AnchorName.Empty, q.Tag, q.IsImplicit, q.Style, q.Start, q.End),
        _ => e,
    };
}
