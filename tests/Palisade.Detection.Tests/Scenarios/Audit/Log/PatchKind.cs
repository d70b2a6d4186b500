namespace Palisade.Detection.Tests.Scenarios.Audit.Log;

/// <summary>
/// How a patch body is to be read. The audit Event does not carry the content type, so the generator only
/// writes bodies that read the same under every interpretation a reader can infer: a JSON Patch is an
/// array; merge and strategic merge patches are objects without <c>$</c> directives and without lists
/// that have merge keys (NetworkPolicy lists have none: strategic merge replaces them like merge patch).
/// </summary>
public enum PatchKind
{
    None,
    Merge,
    Strategic,
    Json,
}
