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
    private readonly Dictionary<Tuple5, long> _last = [];

    /// <summary>Whether the record opens a connection not seen within the idle timeout; records without ports always do.</summary>
    public bool IsNew(FlowRecord record, long utcTicks)
    {
        if (record.SourcePort is not { } from || record.DestinationPort is not { } to || record.Source is null || record.Destination is null)
            return true;
        var key = new Tuple5(AddressKey.Of(record.Source), AddressKey.Of(record.Destination), from, to, record.Protocol ?? -1);
        var seen = _last.TryGetValue(key, out var last) && Math.Abs(utcTicks - last) <= idleTimeout.Ticks;
        if (_last.Count >= capacity && !_last.ContainsKey(key))
            Evict(utcTicks);
        _last[key] = seen ? Math.Max(last, utcTicks) : utcTicks;
        return !seen;
    }

    private void Evict(long now)
    {
        foreach (var (key, last) in _last)
        {
            if (now - last > idleTimeout.Ticks)
                _last.Remove(key);
        }
        if (_last.Count >= capacity)
            _last.Clear();
    }

    /// <summary>The 5-tuple, hashed cheaply: the low 64 bits of each address carry all of an IPv4 one and most of the entropy of an IPv6 one.</summary>
    private readonly record struct Tuple5(AddressKey Source, AddressKey Destination, int SourcePort, int DestinationPort, int Protocol)
    {
        public override int GetHashCode() =>
            HashCode.Combine((ulong)Source.Value, (ulong)Destination.Value, SourcePort, DestinationPort, Protocol);
    }
}
