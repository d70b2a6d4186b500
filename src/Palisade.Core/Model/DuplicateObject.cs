namespace Palisade.Model;

/// <summary>Two declarations of one object: applying both keeps only the later one.</summary>
public sealed record DuplicateObject(ResourceRef First, ResourceRef Second);
