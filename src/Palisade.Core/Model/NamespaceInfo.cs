using Palisade.Labels;

namespace Palisade.Model;

/// <summary>
/// A namespace and its labels; <c>kubernetes.io/metadata.name</c> is always the namespace's name, as the API
/// server sets it whatever a manifest says.
/// </summary>
public sealed record NamespaceInfo
{
    /// <summary>The label the API server adds to every namespace.</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>Creates a namespace, setting the name label to the name.</summary>
    public NamespaceInfo(string name, LabelSet labels, SourceLocation? location = null)
    {
        Name = name;
        Labels = labels.TryGetValue(NameLabel, out var given) && given == name ? labels : labels.With(NameLabel, name);
        Location = location;
    }

    /// <summary>The namespace name.</summary>
    public string Name { get; }

    /// <summary>Labels, including the synthesised name label.</summary>
    public LabelSet Labels { get; }

    /// <summary>Where it was declared; null for namespaces only referenced by other objects.</summary>
    public SourceLocation? Location { get; }
}
