namespace Palisade.Model;

/// <summary>The identity of a Kubernetes object: kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectKey(string Kind, string? Namespace, string Name)
{
    /// <summary><c>ns/name</c>, or the name alone for cluster-scoped objects.</summary>
    public string QualifiedName => Namespace is null ? Name : $"{Namespace}/{Name}";

    /// <summary><c>Kind ns/name</c>.</summary>
    public override string ToString() => $"{Kind} {QualifiedName}";
}
