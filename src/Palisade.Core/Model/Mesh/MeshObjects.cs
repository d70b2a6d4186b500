namespace Palisade.Model.Mesh;

/// <summary>The Istio objects read and what workloads say about their sidecars. Immutable.</summary>
public sealed record MeshObjects
{
    /// <summary>Istio's default root namespace (meshConfig.rootNamespace).</summary>
    public const string DefaultRootNamespace = "istio-system";

    /// <summary>No Istio objects.</summary>
    public static readonly MeshObjects Empty = new();

    /// <summary>The namespace whose selector-less policies apply to the whole mesh.</summary>
    public string RootNamespace { get; init; } = DefaultRootNamespace;

    /// <summary>PeerAuthentications, in declaration order.</summary>
    public IReadOnlyList<PeerAuthentication> PeerAuthentications { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>DestinationRules, in declaration order.</summary>
    public IReadOnlyList<DestinationRule> DestinationRules { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>AuthorizationPolicies, in declaration order.</summary>
    public IReadOnlyList<AuthorizationPolicy> AuthorizationPolicies { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Sidecar facts by workload, for workloads whose pods carry any.</summary>
    public IReadOnlyDictionary<WorkloadRef, SidecarHint> Sidecars { get; init => field = ValueCollections.Map(value); } = new Dictionary<WorkloadRef, SidecarHint>();

    /// <summary>Whether any Istio object was read.</summary>
    public bool HasObjects => PeerAuthentications.Count > 0 || DestinationRules.Count > 0 || AuthorizationPolicies.Count > 0;
}
