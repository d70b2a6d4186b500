namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>What a token is: the start or end of a collection, or a scalar.</summary>
internal enum TokenKind : byte
{
    MappingStart,
    MappingEnd,
    SequenceStart,
    SequenceEnd,
    Scalar,
}
