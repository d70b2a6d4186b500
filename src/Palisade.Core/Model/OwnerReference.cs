namespace Palisade.Model;

/// <summary>
/// An object's controller (<c>metadata.ownerReferences</c> with <c>controller: true</c>), in its namespace. The
/// kind and name are as written: the kind may be empty, or <c>Node</c> for static pods.
/// </summary>
public sealed record OwnerReference(string Kind, string? Name);
