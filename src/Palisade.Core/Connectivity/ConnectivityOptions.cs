namespace Palisade.Connectivity;

/// <summary>Modelling choices of the connectivity engine.</summary>
public sealed record ConnectivityOptions
{
    /// <summary>Whether ipBlock peers also match pods whose IPs fall inside them (Kubernetes conformance view).</summary>
    public bool IpBlockMatchesPodIps { get; init; } = true;

    /// <summary>
    /// Whether hostNetwork pods are treated as ordinary pods (np-guard's view). When false they are not
    /// subject to pod policies and are matched only as addresses.
    /// </summary>
    public bool HostNetworkAsPods { get; init; }

    /// <summary>np-guard netpol-analyzer's modelling: ipBlocks match external addresses only, hostNetwork pods are pods.</summary>
    public static readonly ConnectivityOptions NpGuard = new() { IpBlockMatchesPodIps = false, HostNetworkAsPods = true };

    /// <summary>The defaults documented in docs/semantics.md.</summary>
    public static readonly ConnectivityOptions Default = new();
}
