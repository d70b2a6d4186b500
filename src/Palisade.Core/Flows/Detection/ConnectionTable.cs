namespace Palisade.Flows.Detection;

/// <summary>
/// The IPv4 connections seen and when each was last seen, as one array of slots probed in line: a table of a
/// million connections is far larger than the processor's caches, and a slot holding its key and time costs one
/// memory read where a dictionary's bucket and entry cost two. At most half full; idle entries are dropped as it fills
/// (<see cref="MakeRoom"/>), except TCP connections established and not yet closed, and all of them if that is not enough at
/// capacity. Not thread-safe.
/// </summary>
internal sealed class ConnectionTable(long idleTicks, int capacity)
{
    // Marks a used slot in Ports, whose packed ports and protocol use the low 48 bits.
    private const ulong Used = 1UL << 63;

    // Marks, in Ports, a TCP connection seen established (a segment past its SYN) and not yet closed (FIN or RST): it is
    // kept however long it stays idle (under capacity), since its FIN may come an hour later and is its end, not another
    // connection.
    private const ulong Open = 1UL << 62;

    // Marks, in Ports, a TCP connection whose SYN was seen. Only such a connection is kept open: a stream of segments whose
    // opening was never recorded (captures that log every ACK, a file starting mid-connection) would otherwise keep every
    // connection it ever saw, and the table would grow with the stream to its capacity instead of staying the size of its
    // live connections.
    private const ulong Syn = 1UL << 61;

    private const ulong Flags = Open | Syn;

    private Slot[] _slots = new Slot[1024];
    // Once the table is full, entries are dropped by copying the kept ones into this second array of the same size
    // and swapping the two: a busy table drops entries often, and must not allocate its size each time.
    private Slot[]? _spare;
    private int _count;

    /// <summary>The table's size in slots: twice its entries at most, and at least a quarter of them live after it grew.</summary>
    internal int Slots => _slots.Length;

    /// <summary>
    /// Records the connection as seen from <paramref name="ticks"/> to <paramref name="end"/> (the same for a single
    /// event); whether it was seen within the idle timeout before, or at all for a record in the middle of a connection.
    /// </summary>
    public bool Touch(ulong addresses, ulong ports, long ticks, long end, TcpPhase phase = TcpPhase.Unknown)
    {
        ports |= Used;
        var syn = phase is TcpPhase.Opening or TcpPhase.Established or TcpPhase.Whole ? Syn : 0;
        var mask = _slots.Length - 1;
        for (var i = Hash(addresses, ports) & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Ports == 0)
            {
                var flags = syn | (phase == TcpPhase.Established ? Open : 0);
                if (_count >= capacity || 2 * (_count + 1) > _slots.Length)
                {
                    MakeRoom(ticks);
                    Insert(new Slot(addresses, ports | flags, end));
                }
                else
                {
                    slot = new Slot(addresses, ports | flags, end);
                    _count++;
                }
                return false;
            }
            if (slot.Addresses == addresses && (slot.Ports & ~Flags) == ports)
            {
                var seen = phase is TcpPhase.Open or TcpPhase.Closing || ConnectionTracker.Continues(slot.Last, ticks, end, idleTicks);
                slot.Last = seen ? Math.Max(slot.Last, end) : end;
                syn |= slot.Ports & Syn;
                var open = phase == TcpPhase.Established || phase == TcpPhase.Open && syn != 0 ? Open : 0;
                if (phase is not (TcpPhase.Unknown or TcpPhase.Opening))
                    slot.Ports = (slot.Ports & ~Flags) | syn | open;
                else
                    slot.Ports |= syn;
                return seen;
            }
        }
    }

    /// <summary>Asks the processor to load the slot where the connection's lookup starts (x86; elsewhere nothing).</summary>
    public unsafe void Prefetch(ulong addresses, ulong ports)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
            return;
        fixed (Slot* slot = &_slots[Hash(addresses, ports | Used) & (_slots.Length - 1)])
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(slot);
    }

    /// <summary>
    /// Leaves room for one more entry. Under capacity, entries idle for twice the timeout are dropped first (a record
    /// continues only a connection seen within the timeout; the margin keeps records out of order by up to a timeout
    /// exact), and the table grows only if more than a quarter of it stays live: a long steady stream keeps a table the
    /// size of its live connections, which stays in the processor's caches, instead of one as large as the capacity. At
    /// capacity, keeps only the entries seen within the timeout, or none; under it, open TCP connections stay whatever their age.
    /// </summary>
    private void MakeRoom(long now)
    {
        var old = _slots;
        var full = _count >= capacity;
        var keep = full ? idleTicks : idleTicks > long.MaxValue / 2 ? long.MaxValue : 2 * idleTicks;
        var size = full || 4 * Live(now, keep) <= old.Length ? old.Length : old.Length * 2;
        if (size == old.Length)
        {
            _slots = _spare is { } spare && spare.Length == size ? spare : new Slot[size];
            Array.Clear(_slots);
            _spare = old;
        }
        else
            _slots = new Slot[size];
        _count = 0;
        foreach (var slot in old)
        {
            if (Keeps(slot, now, keep, full))
                Insert(slot);
        }
        if (_count >= capacity || 2 * (_count + 1) > _slots.Length)
        {
            Array.Clear(_slots);
            _count = 0;
        }
    }

    private int Live(long now, long keep)
    {
        var live = 0;
        foreach (var slot in _slots)
        {
            if (Keeps(slot, now, keep, false))
                live++;
        }
        return live;
    }

    private static bool Keeps(Slot slot, long now, long keep, bool full) =>
        slot.Ports != 0 && (now - slot.Last <= keep || (!full && (slot.Ports & Open) != 0));

    private void Insert(Slot slot)
    {
        var mask = _slots.Length - 1;
        var i = Hash(slot.Addresses, slot.Ports & ~Flags) & mask;
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
