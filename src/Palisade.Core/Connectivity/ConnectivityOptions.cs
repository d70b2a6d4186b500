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

    /// <summary>
    /// Whether Services resolve ports as np-guard does: a target port must be declared as a container port,
    /// and an Ingress port number may also match a Service's target port. Kubernetes needs neither.
    /// </summary>
    public bool NpGuardServicePorts { get; init; }

    /// <summary>Whether IPv6 addresses are analysed; np-guard skips them.</summary>
    public bool Ipv6 { get; init; } = true;

    /// <summary>
    /// np-guard netpol-analyzer's modelling: ipBlocks match external addresses only, hostNetwork pods are
    /// pods, IPv6 is not analysed, Service ports resolve np-guard's way.
    /// </summary>
    public static readonly ConnectivityOptions NpGuard = new() { IpBlockMatchesPodIps = false, HostNetworkAsPods = true, Ipv6 = false, NpGuardServicePorts = true };

    /// <summary>The defaults documented in docs/semantics.md.</summary>
    public static readonly ConnectivityOptions Default = new();
}
