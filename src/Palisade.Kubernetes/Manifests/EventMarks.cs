using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Moves the marks of events parsed from a later part of a text (one JSON value of several) to where that part
/// starts in the whole text, so that locations name the file's own lines and columns.
/// </summary>
internal static class EventMarks
{
    /// <summary>The mark in the whole text of a mark counted from <paramref name="origin"/>.</summary>
    public static Mark Shift(Mark mark, Mark origin) =>
        new(origin.Index + mark.Index, origin.Line + mark.Line - 1, mark.Line == 1 ? origin.Column + mark.Column - 1 : mark.Column);

    /// <summary>
    /// The event with its marks moved, everything else kept. Comments are not parsed, and a stream's start is
    /// the whole text's.
    /// </summary>
    public static ParsingEvent Shift(ParsingEvent e, Mark origin)
    {
        var (start, end) = (Shift(e.Start, origin), Shift(e.End, origin));
        return e switch
        {
            Scalar s => new Scalar(s.Anchor, s.Tag, s.Value, s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, start, end, s.IsKey),
            MappingStart m => new MappingStart(m.Anchor, m.Tag, m.IsImplicit, m.Style, start, end),
            MappingEnd => new MappingEnd(start, end),
            SequenceStart q => new SequenceStart(q.Anchor, q.Tag, q.IsImplicit, q.Style, start, end),
            SequenceEnd => new SequenceEnd(start, end),
            DocumentStart d => new DocumentStart(d.Version, d.Tags, d.IsImplicit, start, end),
            DocumentEnd d => new DocumentEnd(d.IsImplicit, start, end),
            AnchorAlias a => new AnchorAlias(a.Value, start, end),
            StreamEnd => new StreamEnd(start, end),
            _ => throw new InvalidOperationException($"{e.GetType().Name} is not a node event"),
        };
    }
}
