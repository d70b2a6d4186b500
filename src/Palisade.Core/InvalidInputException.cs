namespace Palisade;

/// <summary>
/// Input that cannot be used: a malformed file or an object the API server would reject. The message
/// names the file, line and column where known, the object and the field.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the error.</summary>
    public InvalidInputException(SourceLocation? location, string? objectName, string? field, string problem, Exception? inner = null)
        : base(Format(location, objectName, field, problem), inner)
    {
        Location = location;
        ObjectName = objectName;
        Field = field;
        Problem = problem;
    }

    /// <summary>Where, as precisely as known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The object, e.g. <c>NetworkPolicy default/allow-web</c>.</summary>
    public string? ObjectName { get; }

    /// <summary>The field path within the object.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Format(SourceLocation? location, string? objectName, string? field, string problem)
    {
        var parts = new List<string>(4);
        if (location is not null)
            parts.Add(location.ToString());
        if (objectName is not null)
            parts.Add(objectName);
        if (field is not null)
            parts.Add(field);
        parts.Add(problem);
        return string.Join(": ", parts);
    }
}
