namespace Palisade.Flows.Detection;

/// <summary>
/// The IPv4 connections seen and when each was last seen, as one array of slots probed in line: a table of a
/// million connections is far larger than the processor's caches, and a slot holding its key and time costs one
/// memory read where a dictionary's bucket and entry cost two. At most half full; when it would hold more than
/// its capacity, idle entries are dropped, and all of them if that is not enough. Not thread-safe.
/// </summary>
internal sealed class ConnectionTable(long idleTicks, int capacity)
{
    // Marks a used slot in Ports, whose packed ports and protocol use the low 48 bits.
    private const ulong Used = 1UL << 63;

    private Slot[] _slots = new Slot[1024];
    // Once the table is full, entries are dropped by copying the kept ones into this second array of the same size
    // and swapping the two: a busy table drops entries often, and must not allocate its size each time.
    private Slot[]? _spare;
    private int _count;

    /// <summary>
    /// Records the connection as seen from <paramref name="ticks"/> to <paramref name="end"/> (the same for a single
    /// event); whether it was seen within the idle timeout before.
    /// </summary>
    public bool Touch(ulong addresses, ulong ports, long ticks, long end)
    {
        ports |= Used;
        var mask = _slots.Length - 1;
        for (var i = Hash(addresses, ports) & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Ports == 0)
            {
                if (_count >= capacity || 2 * (_count + 1) > _slots.Length)
                {
                    MakeRoom(ticks);
                    Insert(new Slot(addresses, ports, end));
                }
                else
                {
                    slot = new Slot(addresses, ports, end);
                    _count++;
                }
                return false;
            }
            if (slot.Addresses == addresses && slot.Ports == ports)
            {
                var seen = ConnectionTracker.Continues(slot.Last, ticks, end, idleTicks);
                slot.Last = seen ? Math.Max(slot.Last, end) : end;
                return seen;
            }
        }
    }

    /// <summary>
    /// Grows while under capacity; at it, keeps only the entries seen within the idle timeout, or none. Leaves room
    /// for one more entry.
    /// </summary>
    private void MakeRoom(long now)
    {
        var old = _slots;
        var full = _count >= capacity;
        if (full)
        {
            _slots = _spare ?? new Slot[old.Length];
            Array.Clear(_slots);
            _spare = old;
        }
        else
            _slots = new Slot[old.Length * 2];
        _count = 0;
        foreach (var slot in old)
        {
            if (slot.Ports != 0 && (!full || now - slot.Last <= idleTicks))
                Insert(slot);
        }
        if (_count >= capacity || 2 * (_count + 1) > _slots.Length)
        {
            Array.Clear(_slots);
            _count = 0;
        }
    }

    private void Insert(Slot slot)
    {
        var mask = _slots.Length - 1;
        var i = Hash(slot.Addresses, slot.Ports) & mask;
        while (_slots[i].Ports != 0)
            i = (i + 1) & mask;
        _slots[i] = slot;
        _count++;
    }

    private static int Hash(ulong addresses, ulong ports)
    {
        var mixed = (addresses ^ (ports * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL;
        return (int)(mixed >> 33);
    }

    private record struct Slot(ulong Addresses, ulong Ports, long Last);
}
