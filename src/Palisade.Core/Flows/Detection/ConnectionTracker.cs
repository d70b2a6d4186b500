using System.Runtime.InteropServices;
using Palisade.Flows;
using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// Counts connections, not records: a record whose 5-tuple was seen within the idle timeout continues that
/// connection (Hubble reports one connection at several observation points; VPC and GCP report it per
/// interval and per reporting side). Memory is bounded: idle entries are dropped as the table fills.
/// Not thread-safe.
/// </summary>
public sealed class ConnectionTracker(TimeSpan idleTimeout, int capacity = 1 << 20)
{
    // IPv4 tuples, nearly all traffic, pack into 16 bytes and live in a table of their own (see ConnectionTable); the
    // rest are keyed by two 128-bit addresses.
    private readonly ConnectionTable _v4 = new(idleTimeout.Ticks, capacity);
    private readonly Dictionary<Tuple5, long> _other = [];

    /// <summary>Whether the record opens a connection not seen within the idle timeout; records without ports always do.</summary>
    public bool IsNew(FlowRecord record, long utcTicks)
    {
        if (record.SourcePort is not { } from || record.DestinationPort is not { } to || record.Source is null || record.Destination is null)
            return true;
        var source = record.SourceKey;
        var destination = record.DestinationKey;
        var protocol = record.Protocol ?? -1;
        if (!source.IsV6 && !destination.IsV6 && (uint)from <= ushort.MaxValue && (uint)to <= ushort.MaxValue && protocol is >= -1 and <= 254)
            return !_v4.Touch(((ulong)source.Value << 32) | (ulong)destination.Value, ((ulong)from << 32) | ((ulong)to << 16) | (byte)(protocol + 1), utcTicks);
        return Touch(new Tuple5(source, destination, from, to, protocol), utcTicks);
    }

    private bool Touch(Tuple5 key, long utcTicks)
    {
        if (_other.Count >= capacity && !_other.ContainsKey(key))
            Evict(utcTicks);
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_other, key, out var known);
        var seen = known && Math.Abs(utcTicks - last) <= idleTimeout.Ticks;
        last = seen ? Math.Max(last, utcTicks) : utcTicks;
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

    /// <summary>The 5-tuple, hashed cheaply: the low 64 bits of each address carry all of an IPv4 one and most of the entropy of an IPv6 one.</summary>
    private readonly record struct Tuple5(AddressKey Source, AddressKey Destination, int SourcePort, int DestinationPort, int Protocol)
    {
        public override int GetHashCode() =>
            HashCode.Combine((ulong)Source.Value, (ulong)Destination.Value, SourcePort, DestinationPort, Protocol);
    }
}
