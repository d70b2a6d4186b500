namespace Palisade.Kubernetes.Manifests;

/// <summary>An object that was read but not used, and why (shown with <c>-v</c>).</summary>
public sealed record IgnoredObject(SourceLocation Location, string Kind, string? Name, string Reason)
{
    /// <summary>The object's apiVersion, when it has one.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Whether the object describes containers (a pod template of an unknown controller).</summary>
    public bool HasContainers { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Location}: ignored {Kind}{(Name is null ? "" : " " + Name)}: {Reason}";
}
