using Palisade.Findings;
using Palisade.Flows.Baseline;
using Palisade.Flows.Detection;
using Palisade.Net;

namespace Palisade.Flows.Detectors;

/// <summary>
/// Records every delivered connection into a baseline (<c>flows baseline</c>); raises nothing. A connection forwarded at
/// one observation point and dropped by policy at another was denied, whatever the policies read say: its edge is learned
/// only once no such drop came within the hold (<see cref="FlowCheck.Hold"/>, an aggregated record's capture window more),
/// or at <see cref="Complete"/>. Not thread-safe.
/// </summary>
public sealed class BaselineRecorder(FlowBaseline baseline) : IFlowDetector
{
    private const int Capacity = 1 << 20;
    private static readonly long Window = FlowCheck.Hold.Ticks;

    private readonly Dictionary<Connection, BaselineEdge> _pending = [];
    private readonly Queue<(Connection Key, long Due)> _due = new();
    private readonly Dictionary<Connection, long> _drops = [];
    private long _newest = long.MinValue;
    private long _idle = FlowCheckOptions.Default.ConnectionIdle.Ticks;

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL800", "baseline", "Baseline recorder", Severity.Info, "flows", "Learns the delivered connections."), []);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        _idle = context.Options.ConnectionIdle.Ticks;
        _newest = Math.Max(_newest, flow.Ticks);
        Settle(_newest);
        var key = Connection.Of(flow);
        if (flow.Outcome == FlowOutcome.DroppedByPolicy)
        {
            _pending.Remove(key);
            if (_drops.Count >= Capacity)
                Evict();
            _drops[key] = Math.Max(_drops.GetValueOrDefault(key, long.MinValue), (flow.Record.End ?? flow.Record.Time).UtcTicks);
            return;
        }
        if (!flow.Delivered)
            return;
        var edge = new BaselineEdge(FlowBaseline.KeyOf(flow.Source), FlowBaseline.KeyOf(flow.Destination), FlowProtocols.Name(flow.Protocol), flow.Port);
        // Without a verdict nothing will contradict it; an edge already learned needs no confirmation.
        if (flow.Outcome != FlowOutcome.Forwarded || baseline.Contains(edge))
        {
            baseline.Add(edge);
            return;
        }
        if (_drops.TryGetValue(key, out var dropped) && flow.Ticks - dropped <= _idle || _pending.ContainsKey(key))
            return;
        _pending[key] = edge;
        _due.Enqueue((key, (flow.Record.End ?? flow.Record.Time).UtcTicks + Window + (flow.Record.End is null ? 0 : _idle)));
    }

    /// <summary>Learns the forwarded connections still waiting for a drop: the input has ended.</summary>
    public void Complete()
    {
        foreach (var edge in _pending.Values)
            baseline.Add(edge);
        _pending.Clear();
        _due.Clear();
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => "";

    private void Settle(long now)
    {
        while (_due.TryPeek(out var next) && next.Due < now)
        {
            _due.Dequeue();
            if (_pending.Remove(next.Key, out var edge))
                baseline.Add(edge);
        }
    }

    private void Evict()
    {
        foreach (var (key, last) in _drops)
        {
            if (_newest - last > _idle)
                _drops.Remove(key);
        }
    }

    /// <summary>One connection as its observation points all see it: client address and port, destination as resolved, port, protocol.</summary>
    private readonly record struct Connection(AddressKey Source, int SourcePort, int Destination, int Port, int Protocol)
    {
        public static Connection Of(in JudgedFlow flow) =>
            new(flow.Record.SourceKey, flow.Record.SourcePort ?? -1, flow.Destination.Id, flow.Port ?? -1, flow.Protocol ?? -1);
    }
}
