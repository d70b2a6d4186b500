namespace Palisade.Model;

/// <summary>A namespace and its labels; the labels always include <c>kubernetes.io/metadata.name</c>.</summary>
public sealed record NamespaceInfo
{
    /// <summary>The label the API server adds to every namespace.</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>Creates a namespace, synthesising the name label when absent.</summary>
    public NamespaceInfo(string name, LabelSet labels, SourceLocation? location = null)
    {
        Name = name;
        Labels = labels.ContainsKey(NameLabel) ? labels : labels.With(NameLabel, name);
        Location = location;
    }

    /// <summary>The namespace name.</summary>
    public string Name { get; }

    /// <summary>Labels, including the synthesised name label.</summary>
    public LabelSet Labels { get; }

    /// <summary>Where it was declared; null for namespaces only referenced by other objects.</summary>
    public SourceLocation? Location { get; }
}
