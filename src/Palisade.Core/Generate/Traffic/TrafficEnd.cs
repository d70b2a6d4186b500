using System.Net;
using Palisade.Flows.Identity;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Traffic;

/// <summary>
/// One end of an observed connection as rules name it: a workload (its pods, by identity), or an address and
/// what it belongs to. <see cref="Name"/> is what <c>flows check</c> prints (<c>ns/name[Kind]</c>,
/// <c>node/NAME</c>, the address). Ordered workloads first, then addresses by family and value.
/// </summary>
public sealed record TrafficEnd(EndKind Kind, string Name) : IComparable<TrafficEnd>
{
    /// <summary>The workload, for workload and hostNetwork ends.</summary>
    public WorkloadRef? Workload { get; init; }

    /// <summary>The address, for every kind but workloads.</summary>
    public AddressKey? Address { get; init; }

    /// <summary>The Service without pods whose cluster IP this is, for <see cref="EndKind.Service"/>.</summary>
    public ServiceInfo? Service { get; init; }

    /// <summary>Any source at all.</summary>
    public static readonly TrafficEnd Anywhere = new(EndKind.Anywhere, "anywhere");

    /// <summary>Whether rules name this end by its address (an ipBlock).</summary>
    public bool IsAddress => Kind is not (EndKind.Workload or EndKind.Anywhere);

    /// <summary>The end of a workload's pods.</summary>
    public static TrafficEnd OfWorkload(WorkloadRef workload) => new(EndKind.Workload, workload.ToString()) { Workload = workload };

    /// <summary>The end a resolved flow peer stands for, seen at <paramref name="address"/>; <paramref name="service"/> is the Service addressed.</summary>
    public static TrafficEnd Of(FlowPeer peer, IPAddress? address, ServiceInfo? service)
    {
        switch (peer.Kind)
        {
            case FlowPeerKind.Pod when peer.Pod!.HostNetwork:
                return new TrafficEnd(EndKind.HostNetwork, peer.Name) { Workload = peer.Pod.Owner, Address = KeyOf(address, peer) };
            case FlowPeerKind.Pod:
                return OfWorkload(peer.Pod!.Owner);
            case FlowPeerKind.Node:
                return new TrafficEnd(EndKind.Node, peer.Name) { Address = peer.Address };
            default:
                return service is null
                    ? new TrafficEnd(EndKind.External, peer.Name) { Address = peer.Address }
                    : new TrafficEnd(EndKind.Service, peer.Name) { Address = peer.Address, Service = service };
        }
    }

    private static AddressKey KeyOf(IPAddress? address, FlowPeer peer) =>
        address is not null ? AddressKey.Of(address) : AddressKey.Of(peer.Pod!.Addresses[0]);

    /// <inheritdoc />
    public int CompareTo(TrafficEnd? other)
    {
        if (other is null)
            return 1;
        if (Kind == EndKind.Anywhere || other.Kind == EndKind.Anywhere)
            return (Kind == EndKind.Anywhere).CompareTo(other.Kind == EndKind.Anywhere);
        if (IsAddress != other.IsAddress)
            return IsAddress ? 1 : -1;
        if (!IsAddress)
            return string.CompareOrdinal(Name, other.Name);
        var (a, b) = (Address!.Value, other.Address!.Value);
        var order = a.IsV6.CompareTo(b.IsV6);
        order = order != 0 ? order : a.Value.CompareTo(b.Value);
        return order != 0 ? order : string.CompareOrdinal(Name, other.Name);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
