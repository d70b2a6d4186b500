namespace Palisade.Connectivity.Explain;

/// <summary>Why a connection from one endpoint to another is allowed or denied, side by side.</summary>
public sealed record PairExplanation(PairVerdict Verdict, ConnectionQuery? Query, SideExplanation Egress, SideExplanation Ingress)
{
    /// <summary>Whether the query (or, without one, any connection) is allowed.</summary>
    public bool Allowed => Query is { } q ? Verdict.Allowed.Contains(q.Protocol, q.Port) : !Verdict.Allowed.IsEmpty;
}
