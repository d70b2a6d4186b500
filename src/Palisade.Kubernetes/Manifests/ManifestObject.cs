using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Manifests;

/// <summary>One object read from a manifest: its kind, its client model and where its fields are.</summary>
internal sealed record ManifestObject(string ApiVersion, string Kind, object Model, FieldLocations Locations)
{
    /// <summary>
    /// For a model the fast readers filled only with the fields Palisade maps: the model with every field, read
    /// again from the file when an object's whole body is wanted (audit replay).
    /// </summary>
    public Func<object>? Complete { get; init; }
}
