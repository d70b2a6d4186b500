namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Where each field of one object starts in its file, keyed by JSON path (<c>spec.ingress[0].ports</c>).
/// Worked out on first use: only errors and warnings need it, and loading large dumps should not pay for it.
/// Objects from a watch or an audit log have no file: <see cref="None"/> locates nothing.
/// </summary>
internal sealed class FieldLocations
{
    private readonly string? _file;
    private readonly Func<IReadOnlyDictionary<string, (int Line, int Column)>>? _marksOf;
    private readonly Func<string, (int Line, int Column)?>? _markOf;
    private IReadOnlyDictionary<string, (int Line, int Column)>? _marks;

    /// <summary>No locations: the object was not read from a file.</summary>
    public static readonly FieldLocations None = new(null, null, null);

    /// <summary>
    /// The fields of an object at <paramref name="objectLocation"/> in <paramref name="file"/>. <paramref name="markOf"/>,
    /// when given, finds one field's mark without working out all of them: findings locate a few fields of many objects.
    /// </summary>
    public FieldLocations(string? file, Func<IReadOnlyDictionary<string, (int Line, int Column)>>? marksOf, SourceLocation? objectLocation,
        Func<string, (int Line, int Column)?>? markOf = null)
    {
        _file = file;
        _marksOf = marksOf;
        _markOf = markOf;
        Object = objectLocation;
    }

    /// <summary>The object's own location.</summary>
    public SourceLocation? Object { get; }

    /// <summary>Where each field starts, by JSON path; empty for objects not read from a file.</summary>
    public IReadOnlyDictionary<string, (int Line, int Column)> Marks => _marks ??= _marksOf?.Invoke() ?? new Dictionary<string, (int Line, int Column)>();

    /// <summary>The location of the field, or of its nearest recorded parent.</summary>
    public SourceLocation? Of(string? path)
    {
        if (_marksOf is null)
            return Object;
        while (!string.IsNullOrEmpty(path))
        {
            if (Mark(path) is { } mark)
                return new SourceLocation(_file!, mark.Line, mark.Column);
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path[..cut] : null;
        }
        return Object;
    }

    private (int Line, int Column)? Mark(string path)
    {
        if (_marks is null && _markOf is not null)
            return _markOf(path);
        return Marks.TryGetValue(path, out var mark) ? mark : null;
    }

    /// <summary>A warning about the field: its location first, when known.</summary>
    public string Warning(string? field, string text) => Of(field) is { } location ? $"{location}: {text}" : text;
}
