using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// An endpoint as reported: a workload, a pod, a range of external addresses or the ingress controller.
/// <see cref="DisplayName"/> is its name in np-guard's formats; peers are ordered by it, ordinally.
/// </summary>
public abstract record Peer : IComparable<Peer>
{
    /// <summary>The ingress controller, through which Ingresses and Routes let outside traffic in.</summary>
    public static readonly Peer IngressController = new IngressControllerPeer();

    /// <summary>The namespace; null for peers outside the cluster's namespaces.</summary>
    public abstract string? Namespace { get; }

    /// <summary>The full name as np-guard prints it: <c>ns/name[Kind]</c>, <c>first-last[External]</c>, <c>{ingress-controller}</c>.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Whether the peer lies outside the cluster's namespaces.</summary>
    public bool IsExternal => Namespace is null;

    /// <inheritdoc />
    public int CompareTo(Peer? other) => other is null ? 1 : string.CompareOrdinal(DisplayName, other.DisplayName);

    /// <inheritdoc />
    public sealed override string ToString() => DisplayName;
}

/// <summary>A workload (its top owner), or a pod that no controller owns.</summary>
public sealed record WorkloadPeer(WorkloadRef Workload) : Peer
{
    /// <inheritdoc />
    public override string? Namespace => Workload.Namespace;

    /// <inheritdoc />
    public override string DisplayName { get; } = Workload.ToString();
}

/// <summary>A real pod, reported by itself (pod granularity).</summary>
public sealed record PodPeer(string PodNamespace, string Name) : Peer
{
    /// <inheritdoc />
    public override string? Namespace => PodNamespace;

    /// <inheritdoc />
    public override string DisplayName { get; } = $"{PodNamespace}/{Name}[Pod]";
}

/// <summary>A range of addresses outside the pod network that no policy tells apart.</summary>
public sealed record ExternalPeer(IpRange Range) : Peer
{
    /// <inheritdoc />
    public override string? Namespace => null;

    /// <inheritdoc />
    public override string DisplayName { get; } = $"{Range}[External]";
}

/// <summary>The ingress controller, a pod of no namespace the policies know.</summary>
public sealed record IngressControllerPeer : Peer
{
    /// <inheritdoc />
    public override string? Namespace => null;

    /// <inheritdoc />
    public override string DisplayName => "{ingress-controller}";
}
