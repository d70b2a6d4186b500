namespace Palisade.Kubernetes.Live;

/// <summary>A kind the server refused to list (with <c>--allow-partial</c>): its kind, its resource name and the server's words.</summary>
public sealed record RefusedKind(string Kind, string Resource, string Reason)
{
    /// <summary>What not having read the kind takes away.</summary>
    public PartialReadEffect Effect => PartialReadEffect.Of(Kind);
}
