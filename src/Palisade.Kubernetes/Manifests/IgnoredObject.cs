namespace Palisade.Kubernetes.Manifests;

/// <summary>An object that was read but not used, and why (shown with <c>-v</c>).</summary>
public sealed record IgnoredObject(SourceLocation Location, string Kind, string? Name, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: ignored {Kind}{(Name is null ? "" : " " + Name)}: {Reason}";
}
