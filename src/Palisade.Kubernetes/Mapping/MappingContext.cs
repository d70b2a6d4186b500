using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>What a mapper gets besides the object: the kind it was read as, where its fields are, and where to put warnings.</summary>
internal sealed class MappingContext(ObjectKey key, FieldLocations locations)
{
    /// <summary>The object's identity.</summary>
    public ObjectKey Key { get; } = key;

    /// <summary>The object's kind.</summary>
    public string Kind => Key.Kind;

    /// <summary>Where the object's fields are, when it was read from a file.</summary>
    public FieldLocations Locations { get; } = locations;

    /// <summary>Problems that do not stop the analysis.</summary>
    public List<string> Warnings { get; } = [];
}
