using Palisade.Labels;

namespace Palisade.Model.Mesh;

/// <summary>
/// An Istio PeerAuthentication (security.istio.io): the mTLS mode its workloads accept. Without a selector it
/// covers its namespace, or the whole mesh when in the root namespace.
/// </summary>
public sealed record PeerAuthentication(string Namespace, string Name, LabelSet? Selector, MtlsMode Mode)
{
    /// <summary>Overrides by workload (container) port; only a policy with a selector may have them.</summary>
    public IReadOnlyDictionary<int, MtlsMode> PortLevel { get; init => field = ValueCollections.Map(value); } = new Dictionary<int, MtlsMode>();

    /// <summary>When Istio first saw it: of several policies at one scope, Istio applies the oldest.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The declaration order, which breaks ties between policies of unknown or equal age.</summary>
    public int Order { get; init; }

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether it applies to the pod: same namespace, and its selector's labels all on the pod.</summary>
    public bool Selects(Pod pod) =>
        Selector is not null && pod.Namespace == Namespace
        && Selector.Items.All(l => pod.Labels.TryGetValue(l.Key, out var value) && value == l.Value);

    /// <summary><c>PeerAuthentication ns/name</c>.</summary>
    public override string ToString() => $"PeerAuthentication {Namespace}/{Name}";
}
