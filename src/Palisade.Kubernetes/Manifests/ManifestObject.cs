using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Manifests;

/// <summary>One object read from a manifest: its kind, its client model and where its fields are.</summary>
internal sealed record ManifestObject(string ApiVersion, string Kind, object Model, FieldLocations Locations);
