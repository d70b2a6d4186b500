namespace Palisade;

/// <summary>A policy field the API server would reject; <see cref="Field"/> is the JSON path within the object.</summary>
public sealed class InvalidFieldException(string field, string message) : Exception(message)
{
    /// <summary>The offending field, e.g. <c>spec.ingress[0].ports[1].endPort</c>.</summary>
    public string Field { get; } = field;
}
