using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>One side of a connection: a pod, or a range of external addresses that no policy tells apart.</summary>
public abstract record Endpoint
{
    /// <summary>The name printed in np-guard formats.</summary>
    public abstract string DisplayName { get; }

    /// <summary>The namespace, or null for external ranges.</summary>
    public abstract string? Namespace { get; }
}

/// <summary>A pod endpoint; <see cref="Index"/> is the pod's position in the snapshot.</summary>
public sealed record PodEndpoint(Pod Pod, int Index) : Endpoint
{
    /// <inheritdoc />
    public override string DisplayName => Pod.Owner.ToString();

    /// <inheritdoc />
    public override string? Namespace => Pod.Namespace;
}

/// <summary>A range of addresses outside the pod network.</summary>
public sealed record ExternalEndpoint(IpRange Range) : Endpoint
{
    /// <inheritdoc />
    public override string DisplayName => $"{Range}[External]";

    /// <inheritdoc />
    public override string? Namespace => null;
}
