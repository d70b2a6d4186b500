namespace Palisade.Flows.Identity;

/// <summary>
/// A value per pod peer, kept in the slot of the peer's <see cref="FlowPeer.PodSerial"/>: an array read per flow
/// instead of a lookup. Each slot keeps its peer, since peers of another resolver share serial numbers; a peer
/// without a serial is never cached. Not thread-safe.
/// </summary>
internal sealed class PodPeerSlots<T>
{
    private Slot[] _slots = [];

    /// <summary>The value held for the peer, if any.</summary>
    public bool TryGet(FlowPeer peer, out T value)
    {
        var serial = peer.PodSerial;
        if ((uint)serial < (uint)_slots.Length && ReferenceEquals(_slots[serial].Peer, peer))
        {
            value = _slots[serial].Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Holds the value for the peer (nothing for a peer without a serial); returns it.</summary>
    public T Set(FlowPeer peer, T value)
    {
        var serial = peer.PodSerial;
        if (serial < 0)
            return value;
        if (serial >= _slots.Length)
            Array.Resize(ref _slots, Math.Max(serial + 1, _slots.Length * 2));
        _slots[serial] = new Slot(peer, value);
        return value;
    }

    private readonly record struct Slot(FlowPeer? Peer, T Value);
}
