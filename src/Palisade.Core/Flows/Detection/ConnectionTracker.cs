using System.Runtime.InteropServices;
using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// Counts connections, not records: a record whose 5-tuple was seen within the idle timeout continues that
/// connection (Hubble reports one connection at several observation points; VPC and GCP report it per
/// interval and per reporting side, so an aggregated record continues a connection when it starts within the
/// timeout of the previous record's end). Memory is bounded: idle entries are dropped as the table fills.
/// Not thread-safe.
/// </summary>
public sealed class ConnectionTracker(TimeSpan idleTimeout, int capacity = 1 << 20)
{
    // IPv4 tuples, nearly all traffic, pack into 16 bytes and live in a table of their own (see ConnectionTable); the
    // rest are keyed by two 128-bit addresses.
    private readonly ConnectionTable _v4 = new(idleTimeout.Ticks, capacity);
    private readonly Dictionary<Tuple5, long> _other = [];
    private readonly ExchangeSpans _portless = new(idleTimeout.Ticks, capacity);
    private readonly PacketSightings _sightings = new(capacity);

    // How far apart two reports of one exchange may lie at least: a single packet's record (GCP) starts and ends at once,
    // and each end's VM logs it by its own clock.
    private static readonly long ClocksApart = TimeSpan.FromSeconds(5).Ticks;

    /// <summary>The IPv4 table's size in slots, which follows the connections live within twice the timeout, not all seen.</summary>
    internal int Slots => _v4.Slots;

    /// <summary>
    /// Whether the record opens a connection not seen within the idle timeout. A record without ports (ICMP) is a
    /// connection of its own, unless it is aggregated (VPC, GCP) and continues a record of the same ends within its own
    /// interval: both ends' interfaces report one exchange, and a long one is reported per interval, as a TCP connection is;
    /// or it is its packet seen at another observation point (<see cref="PacketSightings"/>).
    /// </summary>
    public bool IsNew(FlowRecord record, long utcTicks)
    {
        if (record.Source is null || record.Destination is null)
            return true;
        var end = End(record, utcTicks);
        if (record.SourcePort is not { } from || record.DestinationPort is not { } to)
            return record.End is null ? !_sightings.Touch(record, utcTicks) : !_portless.Touch(record.SourceKey, record.DestinationKey, record.Protocol ?? -1, utcTicks, end,
                Math.Min(Math.Max(end - utcTicks, ClocksApart), idleTimeout.Ticks));
        return IsNew(record.SourceKey, from, record.DestinationKey, to, record.Protocol ?? -1, false, utcTicks, end, PhaseOf(record));
    }

    /// <summary>
    /// As <see cref="IsNew(FlowRecord, long)"/>, with a pod destination keyed by its workload and resolved port: the
    /// same connection seen before kube-proxy's DNAT (the Service's cluster IP and port) and after it (the pod's
    /// address and target port) is one connection.
    /// </summary>
    public bool IsNew(FlowRecord record, FlowPeer destination, int? destinationPort, long utcTicks)
    {
        if (!destination.IsPod || destination.Id < 0 || destinationPort is not { } to)
            return IsNew(record, utcTicks);
        if (record.SourcePort is not { } from || record.Source is null || record.Destination is null)
            return true;
        return IsNew(record.SourceKey, from, AddressKey.OfV4((uint)destination.Id), to, record.Protocol ?? -1, true, utcTicks, End(record, utcTicks),
            PhaseOf(record));
    }

    /// <summary>
    /// Starts loading the memory that <see cref="IsNew(FlowRecord, FlowPeer, int?, long)"/> will read for the record, so
    /// that the processor fetches it while the record is judged: a table of live connections is larger than its caches.
    /// </summary>
    public void Prefetch(FlowRecord record, FlowPeer destination, int? destinationPort)
    {
        if (!destination.IsPod || destination.Id < 0 || destinationPort is not { } to || record.SourcePort is not { } from || record.Source is null || record.Destination is null)
            return;
        if (V4Key(record.SourceKey, from, AddressKey.OfV4((uint)destination.Id), to, record.Protocol ?? -1, true, out var addresses, out var ports))
            _v4.Prefetch(addresses, ports);
    }

    /// <summary>
    /// Whether a record from <paramref name="start"/> to <paramref name="end"/> continues a connection last seen at
    /// <paramref name="last"/>: it starts within the timeout after, and ends within the timeout before (out of order).
    /// </summary>
    internal static bool Continues(long last, long start, long end, long idleTicks) =>
        start - last <= idleTicks && last - end <= idleTicks;

    /// <summary>
    /// Where the TCP record lies in its connection. A record whose flags are known and lack SYN continues the connection of
    /// its 5-tuple however long that was idle (Cilium's monitor aggregation reports a connection when its flags change, so a
    /// pool's connection shows its SYN and, an hour later, its FIN; a VPC interface logs nothing while it is idle), and the
    /// table keeps a connection seen established (past its SYN) and not yet closed past the idle timeout so that its FIN still
    /// finds it; a SYN alone is not kept so (a scan's probes would fill the table).
    /// </summary>
    private static TcpPhase PhaseOf(FlowRecord record)
    {
        if (record.Protocol != 6 || record.Flags == TcpFlags.None)
            return TcpPhase.Unknown;
        var syn = (record.Flags & TcpFlags.Syn) != 0;
        var ends = (record.Flags & (TcpFlags.Fin | TcpFlags.Rst)) != 0;
        return (syn, ends) switch
        {
            (true, true) => TcpPhase.Whole,
            (true, false) => (record.Flags & TcpFlags.Ack) != 0 ? TcpPhase.Established : TcpPhase.Opening,
            (false, true) => TcpPhase.Closing,
            _ => TcpPhase.Open,
        };
    }

    /// <summary>The end of an aggregated record's interval (VPC, GCP), else its time.</summary>
    private static long End(FlowRecord record, long utcTicks) =>
        record.End is { } end && end.UtcTicks > utcTicks ? end.UtcTicks : utcTicks;

    private bool IsNew(AddressKey source, int from, AddressKey destination, int to, int protocol, bool workload, long utcTicks, long end, TcpPhase phase) =>
        V4Key(source, from, destination, to, protocol, workload, out var addresses, out var ports)
            ? !_v4.Touch(addresses, ports, utcTicks, end, phase)
            : Touch(new Tuple5(source, destination, from, to, protocol, workload), utcTicks, end, phase is TcpPhase.Open or TcpPhase.Closing);

    /// <summary>An IPv4 tuple packed as the table's key (16 bytes); false for the rest.</summary>
    private static bool V4Key(AddressKey source, int from, AddressKey destination, int to, int protocol, bool workload, out ulong addresses, out ulong ports)
    {
        (addresses, ports) = (0, 0);
        if (source.IsV6 || destination.IsV6 || (uint)from > ushort.MaxValue || (uint)to > ushort.MaxValue || protocol is < -1 or > 254)
            return false;
        ports = (workload ? 1UL << 48 : 0) | ((ulong)from << 32) | ((ulong)to << 16) | (byte)(protocol + 1);
        addresses = ((ulong)source.V4 << 32) | destination.V4;
        return true;
    }

    private bool Touch(Tuple5 key, long utcTicks, long end, bool midStream)
    {
        if (_other.Count >= capacity && !_other.ContainsKey(key))
            Evict(utcTicks);
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_other, key, out var known);
        var seen = known && (midStream || Continues(last, utcTicks, end, idleTimeout.Ticks));
        last = seen ? Math.Max(last, end) : end;
        return !seen;
    }

    private void Evict(long now)
    {
        foreach (var (key, last) in _other)
        {
            if (now - last > idleTimeout.Ticks)
                _other.Remove(key);
        }
        if (_other.Count >= capacity)
            _other.Clear();
    }

    /// <summary>
    /// The 5-tuple (its destination an address, or a workload's number), hashed cheaply: the low 64 bits of each
    /// address carry all of an IPv4 one and most of the entropy of an IPv6 one.
    /// </summary>
    private readonly record struct Tuple5(AddressKey Source, AddressKey Destination, int SourcePort, int DestinationPort, int Protocol, bool Workload)
    {
        public override int GetHashCode() =>
            HashCode.Combine((ulong)Source.Value, (ulong)Destination.Value, SourcePort, DestinationPort, Protocol);
    }
}
