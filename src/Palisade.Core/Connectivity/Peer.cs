namespace Palisade.Connectivity;

/// <summary>
/// An endpoint as reported: a workload (<c>ns/name[Kind]</c>), a pod, an external range
/// (<c>first-last[External]</c>) or the ingress controller. Ordered by display name, ordinally.
/// </summary>
public sealed record Peer(string? Namespace, string Name, string Kind) : IComparable<Peer>
{
    /// <summary>The ingress controller, through which Ingresses and Routes let outside traffic in.</summary>
    public static readonly Peer IngressController = new(null, "{ingress-controller}", "");

    /// <summary>The full name as np-guard prints it.</summary>
    public string DisplayName { get; } = Namespace is null ? Kind.Length == 0 ? Name : $"{Name}[{Kind}]" : $"{Namespace}/{Name}[{Kind}]";

    /// <summary>Whether the peer lies outside the cluster's namespaces.</summary>
    public bool IsExternal => Namespace is null;

    /// <summary>Whether the peer is a range of external addresses.</summary>
    public bool IsAddressRange => IsExternal && Kind == "External";

    /// <summary>The label of its graph node: without the namespace for in-cluster peers.</summary>
    public string NodeLabel => IsExternal ? DisplayName : $"{Name}[{Kind}]";

    /// <inheritdoc />
    public int CompareTo(Peer? other) => other is null ? 1 : string.CompareOrdinal(DisplayName, other.DisplayName);

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
