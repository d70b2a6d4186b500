using Palisade.Model;

namespace Palisade.Model;

/// <summary>The object a finding is about: kind, namespace (null for cluster-scoped objects) and name.</summary>
public sealed record ResourceRef(string Kind, string? Namespace, string Name)
{
    /// <summary>Where the object was declared, when known.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary><c>ns/name</c>, or the name alone for cluster-scoped objects.</summary>
    public string QualifiedName => Namespace is null ? Name : $"{Namespace}/{Name}";

    /// <summary><c>Kind ns/name</c>.</summary>
    public override string ToString() => $"{Kind} {QualifiedName}";

    /// <summary>Whether both name the same object, wherever each was declared.</summary>
    public bool SameObject(ResourceRef other) =>
        Kind == other.Kind && Namespace == other.Namespace && Name == other.Name;
}
