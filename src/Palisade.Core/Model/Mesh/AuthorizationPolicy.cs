using Palisade.Labels;

namespace Palisade.Model.Mesh;

/// <summary>
/// An Istio AuthorizationPolicy (security.istio.io), reduced to what posture needs: whom it covers, its action,
/// its number of rules and which of them match every request.
/// </summary>
public sealed record AuthorizationPolicy(string Namespace, string Name, LabelSet? Selector, AuthorizationAction Action, int RuleCount)
{
    /// <summary>Indexes of the rules with no <c>from</c>, <c>to</c> or <c>when</c>: each matches every request.</summary>
    public IReadOnlyList<int> EmptyRules { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>
    /// Whether it allows every request: an ALLOW policy with an empty rule. An ALLOW policy with no rules
    /// (<c>spec: {}</c>) is the opposite: it matches nothing, so it denies everything.
    /// </summary>
    public bool AllowsAll => Action == AuthorizationAction.Allow && EmptyRules.Count > 0;

    /// <summary><c>AuthorizationPolicy ns/name</c>.</summary>
    public override string ToString() => $"AuthorizationPolicy {Namespace}/{Name}";
}
