namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// The fast readers met something they do not handle exactly as YamlDotNet does (anchors, tags, odd
/// indentation, a value of the wrong type, malformed text): the file is read by the general reader instead,
/// which gives the same objects, or the error message, that the command always gave.
/// </summary>
internal sealed class UnsupportedInputException(string reason) : Exception(reason);
