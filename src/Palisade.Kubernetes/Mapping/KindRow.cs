using System.Text.Json;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// One kind Palisade reads: its API groups, the client model it is read into, whether it is namespaced, how
/// to name an object of it (metadata.name unless said), and the mapper into Core's terms.
/// </summary>
internal sealed record KindRow(
    string Kind,
    IReadOnlyList<string> Groups,
    Type Model,
    bool Namespaced,
    Func<object, MappingContext, object> Map,
    Func<JsonElement, object?> FromJson)
{
    /// <summary>The object's name when metadata.name may be missing; null means it is required.</summary>
    public Func<object, FieldLocations, string>? Name { get; init; }
}
