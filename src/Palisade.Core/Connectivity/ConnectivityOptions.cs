using Palisade.Model;

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
    /// Whether the IPv6 space is listed even where no ipBlock names IPv6 addresses: set to compare a version with
    /// one that names some, so that both list the same address space (else the IPv6 space reads as newly reached).
    /// </summary>
    public bool Ipv6Space { get; init; }

    /// <summary>
    /// np-guard netpol-analyzer's modelling: ipBlocks match external addresses only, hostNetwork pods are
    /// pods, IPv6 is not analysed, Service ports resolve np-guard's way.
    /// </summary>
    public static readonly ConnectivityOptions NpGuard = new() { IpBlockMatchesPodIps = false, HostNetworkAsPods = true, Ipv6 = false, NpGuardServicePorts = true };

    /// <summary>These options for comparing two versions: both list the IPv6 space when either names IPv6 addresses.</summary>
    public ConnectivityOptions Comparing(NetworkSnapshot before, NetworkSnapshot after) =>
        Ipv6 && !Ipv6Space && (ExternalPartition.NamesIpv6(before) || ExternalPartition.NamesIpv6(after)) ? this with { Ipv6Space = true } : this;

    /// <summary>The defaults documented in docs/semantics.md.</summary>
    public static readonly ConnectivityOptions Default = new();
}
