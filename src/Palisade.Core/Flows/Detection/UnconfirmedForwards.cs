using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// Forwarded records of connections the policy denies (or, with a baseline, that it never saw), held until the connection's other observation points had
/// their say. One connection is recorded along its path: Hubble shows it leaving the source node (its egress policy let
/// it out, FORWARDED) and arriving at the destination's (DROPPED there by the ingress policy), VPC logs at both
/// interfaces. A connection some point dropped by policy was enforced: its forwarded records are not a delivery (no
/// policy-violation, no new-connection), and the drop's record carries the connection instead; unless the source's own
/// egress policy denies what it let out, which is an enforcement gap whatever happened further on. A held record is released
/// to the detectors when no such drop came within <see cref="Grace"/> of its end (in flow time; an aggregated record, a
/// capture window more), or when the input ends;
/// a forwarded record after a drop of its connection (the nodes' clocks differ) is dropped at once. Not thread-safe.
/// </summary>
internal sealed class UnconfirmedForwards(long idleTicks)
{
    /// <summary>How long, in flow time, a forwarded record waits for a policy drop of its connection.</summary>
    public static readonly long Grace = TimeSpan.FromSeconds(5).Ticks;

    private const int Capacity = 1 << 20;

    /// <summary>Records of one connection that wait with its first, at most; past it they all go to the detectors.</summary>
    internal const int MaxLater = 4096;
    private readonly Queue<Held> _queue = new();
    private readonly Dictionary<Key, Held> _held = [];
    private readonly Dictionary<Key, long> _drops = [];
    // Connections whose forward opened a new connection but was dropped at once after an earlier drop of its key: the drop
    // at the next point carries the connection. Records without ports share their pair's key, so a ping's every request
    // after the first comes this way, and its drop is the same packet seen again (PacketSightings), not a new one.
    private readonly HashSet<Key> _openedAfterDrop = [];
    private long _newest = long.MinValue;

    /// <summary>
    /// Takes a judged request: true when the caller should run the detectors on <paramref name="flow"/> now (possibly
    /// changed: a policy drop takes over the new connection its held forward opened), false when it is held or dropped;
    /// held records that must go at once (<see cref="MaxLater"/>) are passed to <paramref name="run"/>.
    /// </summary>
    public bool Admit(ref JudgedFlow flow, FlowCheckContext context, Action<JudgedFlow> run)
    {
        if (flow.Outcome == FlowOutcome.DroppedByPolicy)
        {
            var key = Key.Of(flow);
            if (_held.TryGetValue(key, out var held) && EnforcedAtSource(held.Flow, context))
            {
                _held.Remove(key);
                held.Cancelled = true;
                if (held.Flow.NewConnection && !flow.NewConnection)
                    flow = flow with { NewConnection = true };
            }
            if (_openedAfterDrop.Remove(key) && !flow.NewConnection)
                flow = flow with { NewConnection = true };
            if (_drops.Count >= Capacity)
                Evict();
            _drops[key] = Math.Max(_drops.GetValueOrDefault(key, long.MinValue), End(flow));
            return true;
        }
        if (flow.Outcome != FlowOutcome.Forwarded || (flow.PolicyAllows && !Unlearned(flow, context)))
            return true;
        var connection = Key.Of(flow);
        if (_drops.TryGetValue(connection, out var dropped) && flow.Ticks - dropped <= idleTicks && EnforcedAtSource(flow, context))
        {
            if (flow.NewConnection)
                _openedAfterDrop.Add(connection);
            return false;
        }
        if (_held.TryGetValue(connection, out var earlier))
        {
            // A later record of the same connection waits with the first; only one of them was new. While flow time stands
            // still (one timestamp repeated) nothing releases them: past a bound they go, so memory stays bounded.
            (earlier.Later ??= []).Add(flow);
            if (earlier.Later.Count >= MaxLater)
            {
                Run(earlier, run);
                earlier.Cancelled = true;
            }
            return false;
        }
        // An aggregated record (VPC) waits a capture window more: a log file lists the windows of many interfaces out of
        // order, so the other interface's REJECT may come after records of windows up to 10 minutes later.
        var entry = new Held(flow, End(flow) + Grace + (flow.Record.End is null ? 0 : idleTicks));
        _held[connection] = entry;
        _queue.Enqueue(entry);
        return false;
    }

    /// <summary>
    /// Takes a policy drop of Cilium's L7 proxy's own connection to the server (sent from a node's address with the client's
    /// <paramref name="identity"/>): the held forward of a client with that identity to the same destination, port and
    /// protocol was redirected to the proxy and dropped there. It goes to <paramref name="run"/> as that drop (its record
    /// names the client), and later records of its connection are dropped. False when no held forward matches (the policy
    /// allows the client's connection, or its wait has ended).
    /// </summary>
    public bool DropProxied(uint identity, in JudgedFlow drop, FlowCheckContext context, Action<JudgedFlow> run)
    {
        foreach (var (key, held) in _held)
        {
            var flow = held.Flow;
            if (flow.Record.SourceInfo?.Identity != identity || flow.Destination.Id != drop.Destination.Id || flow.Port != drop.Port
                || flow.Protocol != drop.Protocol || !EnforcedAtSource(flow, context))
                continue;
            _held.Remove(key);
            held.Cancelled = true;
            _drops[key] = Math.Max(_drops.GetValueOrDefault(key, long.MinValue), End(drop));
            run(flow with { Outcome = FlowOutcome.DroppedByPolicy });
            return true;
        }
        return false;
    }

    /// <summary>
    /// Passes to <paramref name="run"/> the held records whose wait ended before <paramref name="now"/> (the time of the
    /// record being read; the newest so far counts, so a late record does not hold them back), in the order they came.
    /// </summary>
    public void Release(long now, Action<JudgedFlow> run)
    {
        _newest = Math.Max(_newest, now);
        // Past the bound (an unenforced cluster's denied traffic over a VPC log's 10-minute intervals), the oldest go.
        while (_queue.TryPeek(out var head) && (head.ReleaseAt < _newest || _queue.Count >= Capacity))
            Run(_queue.Dequeue(), run);
    }

    /// <summary>Passes every held record to <paramref name="run"/> (the input ended, or the check hands over).</summary>
    public void ReleaseAll(Action<JudgedFlow> run)
    {
        while (_queue.TryDequeue(out var head))
            Run(head, run);
    }

    /// <summary>
    /// Moves the held records to the state indices of a new history (<paramref name="map"/>: the new index, or -1 when the
    /// state is gone, whose records go to <paramref name="run"/> now, judged as they were).
    /// </summary>
    public void Remap(Func<int, int> map, Action<JudgedFlow> run)
    {
        var count = _queue.Count;
        for (var i = 0; i < count; i++)
        {
            var held = _queue.Dequeue();
            if (held.Cancelled)
                continue;
            if (!TryMove(held.Flow, map, out var moved) || !(held.Later ?? []).TrueForAll(later => TryMove(later, map, out _)))
            {
                Run(held, run);
                continue;
            }
            held.Flow = moved;
            if (held.Later is { } later)
            {
                for (var k = 0; k < later.Count; k++)
                {
                    TryMove(later[k], map, out var next);
                    later[k] = next;
                }
            }
            _queue.Enqueue(held);
        }
    }

    private static bool TryMove(JudgedFlow flow, Func<int, int> map, out JudgedFlow moved)
    {
        var state = map(flow.State);
        moved = flow with { State = state };
        return state >= 0;
    }

    private void Run(Held held, Action<JudgedFlow> run)
    {
        if (held.Cancelled)
            return;
        _held.Remove(Key.Of(held.Flow));
        run(held.Flow);
        foreach (var later in held.Later ?? [])
            run(later);
    }

    /// <summary>
    /// Whether the baseline never saw the connection: a forward the policies read allow would then be a new-connection,
    /// so it waits too, in case a policy they lack (a CiliumNetworkPolicy) dropped it further on. Only those wait: holding
    /// every allowed forward would cost the judging rate, and a connection the baseline knows raises nothing when delivered.
    /// </summary>
    private static bool Unlearned(in JudgedFlow flow, FlowCheckContext context) =>
        context.Baseline is { } baseline && !baseline.Saw(flow.Source, flow.Destination, flow.Protocol, flow.Port);

    /// <summary>
    /// Whether the source's side allows what it let out: then the drop further on is the enforcement. A source that
    /// forwarded what its own egress policy denies is an enforcement gap whatever happened next.
    /// </summary>
    private static bool EnforcedAtSource(in JudgedFlow flow, FlowCheckContext context) =>
        context.Judge(flow.State).EgressAllows(flow.Source, flow.Destination, flow.Protocol, flow.Port);

    private void Evict()
    {
        foreach (var (key, last) in _drops)
        {
            if (_newest - last > idleTicks)
                _drops.Remove(key);
        }
        if (_drops.Count >= Capacity)
            _drops.Clear();
        _openedAfterDrop.IntersectWith(_drops.Keys);
    }

    private static long End(in JudgedFlow flow) =>
        flow.Record.End is { } end && end.UtcTicks > flow.Ticks ? end.UtcTicks : flow.Ticks;

    private sealed class Held(JudgedFlow flow, long releaseAt)
    {
        public JudgedFlow Flow { get; set; } = flow;

        public long ReleaseAt { get; } = releaseAt;

        public bool Cancelled { get; set; }

        public List<JudgedFlow>? Later { get; set; }
    }

    /// <summary>A connection as its observation points share it: the client's address and port, the destination as resolved (a Service's pods' workload and target port).</summary>
    private readonly record struct Key(AddressKey Source, int SourcePort, int Destination, int Port, int Protocol)
    {
        public static Key Of(in JudgedFlow flow) =>
            new(flow.Record.SourceKey, flow.Record.SourcePort ?? -1, flow.Destination.Id, flow.Port ?? -1, flow.Protocol ?? -1);
    }
}
