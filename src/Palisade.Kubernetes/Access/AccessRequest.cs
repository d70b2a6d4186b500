namespace Palisade.Kubernetes.Access;

/// <summary>What a SubjectAccessReview asks about: a verb on a resource (and subresource) of an API group, cluster-wide.</summary>
public sealed record AccessRequest(string Group, string Resource, string? Subresource, string Verb);
