using Palisade.Connectivity;

namespace Palisade.Flows.Detection;

/// <summary>The thresholds and modelling choices of <c>flows check</c>; the defaults are the detection contract's.</summary>
public sealed record FlowCheckOptions
{
    /// <summary>Distinct ports of one destination, or destinations on one port, that make a scan.</summary>
    public int ScanThreshold { get; init; } = 20;

    /// <summary>The interval a scan must fit in.</summary>
    public TimeSpan ScanWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Distinct names under one registered domain, queried by one pod, that make DNS exfiltration.</summary>
    public int DnsNameThreshold { get; init; } = 50;

    /// <summary>The interval those queries must fit in.</summary>
    public TimeSpan DnsWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A query label longer than this is DNS exfiltration by itself.</summary>
    public int DnsLabelLength { get; init; } = 50;

    /// <summary>The cluster's DNS domain: names under it never leave the cluster's own DNS, so they are not exfiltration.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>How long a 5-tuple may stay idle and still be the same connection.</summary>
    public TimeSpan ConnectionIdle { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How the policy engine models the cluster.</summary>
    public ConnectivityOptions Engine { get; init; } = ConnectivityOptions.Default;

    /// <summary>The defaults.</summary>
    public static readonly FlowCheckOptions Default = new();
}
