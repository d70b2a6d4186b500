using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity.Explain;

/// <summary>What one rule does for a pair: the connections it admits, or why it admits nothing (or not the query).</summary>
public sealed record RuleOutcome(PolicyRule Rule, ConnectionSet Admitted, string? Reason)
{
    /// <summary>Whether the rule admits the connection asked about (or, without a query, anything).</summary>
    public bool Admits => Reason is null;
}
