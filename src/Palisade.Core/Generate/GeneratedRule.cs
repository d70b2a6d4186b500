using Palisade.Generate.Traffic;
using Palisade.Policy;

namespace Palisade.Generate;

/// <summary>
/// One generated rule and where it comes from: the observed ends it admits, the ways it admits more than was
/// observed (a reviewer's reasons: DNS, an aggregated CIDR, a Service's endpoints), and the comments written
/// above it (DNS names of its addresses, where an inferred edge was declared).
/// </summary>
public sealed record GeneratedRule(PolicyRule Rule)
{
    /// <summary>The ends whose observed traffic the rule admits.</summary>
    public IReadOnlyList<TrafficEnd> Peers { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Why the rule admits more than the traffic observed, one reason each; empty when it admits exactly that.</summary>
    public IReadOnlyList<string> Widenings { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Comment lines written above the rule.</summary>
    public IReadOnlyList<string> Comments { get; init => field = ValueCollections.List(value); } = [];
}
