namespace Palisade.Model;

/// <summary>An object and, when known, where it was declared.</summary>
public sealed record ResourceRef(ObjectKey Key, SourceLocation? Location = null)
{
    /// <summary>Refers to the object of that kind, namespace (null when cluster-scoped) and name.</summary>
    public ResourceRef(string kind, string? @namespace, string name, SourceLocation? location = null)
        : this(new ObjectKey(kind, @namespace, name), location)
    {
    }

    /// <summary>The object's kind.</summary>
    public string Kind => Key.Kind;

    /// <summary>The object's namespace; null for cluster-scoped objects.</summary>
    public string? Namespace => Key.Namespace;

    /// <summary>The object's name.</summary>
    public string Name => Key.Name;

    /// <summary><c>ns/name</c>, or the name alone for cluster-scoped objects.</summary>
    public string QualifiedName => Key.QualifiedName;

    /// <summary><c>Kind ns/name</c>.</summary>
    public override string ToString() => Key.ToString();
}
