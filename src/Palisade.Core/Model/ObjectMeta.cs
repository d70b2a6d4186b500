namespace Palisade.Model;

/// <summary>
/// An object as read, beyond what the model keeps of it: where it and each of its fields were declared, and
/// its annotations (suppressions, legacy isolation).
/// </summary>
public sealed class ObjectMeta(ResourceRef resource, IReadOnlyDictionary<string, string> annotations, Func<string, SourceLocation?>? locate = null)
{
    /// <summary>The object and where it was declared.</summary>
    public ResourceRef Resource { get; } = resource;

    /// <summary>The object's identity.</summary>
    public ObjectKey Key => Resource.Key;

    /// <summary>The object's controller, when it has one; pods are reported as the top of this chain.</summary>
    public OwnerReference? Controller { get; init; }

    /// <summary>metadata.annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; } = annotations;

    /// <summary>The location of a field by JSON path, falling back to the object's.</summary>
    public SourceLocation? Locate(string? field) =>
        field is not null && locate is not null ? locate(field) : Resource.Location;
}
