using Palisade.Model;
namespace Palisade.Posture;

/// <summary>Two manifests declaring the same object: applying both keeps only the later one.</summary>
public sealed record DuplicateObject(ResourceRef First, ResourceRef Second);
