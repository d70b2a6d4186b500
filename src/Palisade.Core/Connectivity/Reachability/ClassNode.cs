using System.Net;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// An identity class: pods that no selector, port or address set tells apart (the replicas of a workload,
/// typically), with the NetworkPolicies that isolate it.
/// </summary>
internal sealed class ClassNode(int id, string key, Pod pod, Endpoint representative, bool subject)
{
    /// <summary>The node id, its bit in every <see cref="NodeSet"/>.</summary>
    public int Id => id;

    /// <summary>What makes two pods one class.</summary>
    public string Key => key;

    /// <summary>The first pod of the class; it stands for all of them.</summary>
    public Pod Pod => pod;

    /// <summary>The endpoint evaluated for pairs left to the per-pair engine (cluster-scoped tiers).</summary>
    public Endpoint Representative => representative;

    /// <summary>Whether pod policies govern it (not a hostNetwork pod, or hostNetwork pods modelled as pods).</summary>
    public bool Subject => subject;

    /// <summary>How many pods the class holds.</summary>
    public int Pods { get; set; }

    /// <summary>The NetworkPolicies that select it and isolate its ingress.</summary>
    public List<PolicyState> Ingress { get; } = [];

    /// <summary>The NetworkPolicies that select it and isolate its egress.</summary>
    public List<PolicyState> Egress { get; } = [];

    /// <summary>The external source and destination ranges holding its addresses.</summary>
    public int[] AddressNodes { get; init; } = [];

    /// <summary>Addresses outside both partitions (IPv6 when it is not analysed), matched against ipBlocks directly.</summary>
    public IPAddress[] OtherAddresses { get; init; } = [];

    /// <summary>Its named container ports: name, protocol and the port class of the number.</summary>
    public (string Name, Protocol Protocol, int PortClass)[] NamedPorts { get; init; } = [];

    /// <summary>Whether a cluster-scoped tier governs its egress, leaving its pairs to the per-pair engine.</summary>
    public bool EgressByTiers { get; init; }

    /// <summary>Whether a cluster-scoped tier governs its ingress.</summary>
    public bool IngressByTiers { get; init; }
}
