using Palisade.Model;

namespace Palisade.Kubernetes.Manifests;

/// <summary>Where each field of one object starts in its file, keyed by JSON path (<c>spec.ingress[0].ports</c>).</summary>
internal sealed class FieldLocations(string file, IReadOnlyDictionary<string, (int Line, int Column)> marks, SourceLocation objectLocation)
{
    /// <summary>The object's own location.</summary>
    public SourceLocation Object => objectLocation;

    /// <summary>The location of the field, or of its nearest recorded parent.</summary>
    public SourceLocation Of(string? path)
    {
        while (!string.IsNullOrEmpty(path))
        {
            if (marks.TryGetValue(path, out var mark))
                return new SourceLocation(file, mark.Line, mark.Column);
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path[..cut] : null;
        }
        return objectLocation;
    }
}
