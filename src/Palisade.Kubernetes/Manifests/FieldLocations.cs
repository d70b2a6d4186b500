using Palisade.Model;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Where each field of one object starts in its file, keyed by JSON path (<c>spec.ingress[0].ports</c>).
/// Worked out on first use: only errors and warnings need it, and loading large dumps should not pay for it.
/// </summary>
internal sealed class FieldLocations(string file, Func<IReadOnlyDictionary<string, (int Line, int Column)>> marksOf, SourceLocation objectLocation)
{
    private IReadOnlyDictionary<string, (int Line, int Column)>? _marks;

    /// <summary>The object's own location.</summary>
    public SourceLocation Object => objectLocation;

    /// <summary>The location of the field, or of its nearest recorded parent.</summary>
    public SourceLocation Of(string? path)
    {
        while (!string.IsNullOrEmpty(path))
        {
            if ((_marks ??= marksOf()).TryGetValue(path, out var mark))
                return new SourceLocation(file, mark.Line, mark.Column);
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path[..cut] : null;
        }
        return objectLocation;
    }
}
