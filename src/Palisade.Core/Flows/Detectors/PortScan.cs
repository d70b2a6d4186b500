using System.Runtime.InteropServices;
using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Identity;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>port-scan</c>: one source touching at least the threshold of distinct ports of one destination
/// (vertical), or one port on that many distinct destinations (horizontal, <c>dst</c> is <c>*</c>), within
/// the scan interval, whatever the verdicts. Destinations are the resolved endpoints as alerts name them, so
/// the replicas of one workload are one destination. Once a key has fired, its flows join the alert while they lie in
/// an interval with a scan's worth of its probes; later ones join it when they make a scan again within their interval.
/// </summary>
public sealed class PortScan : IFlowDetector
{
    private const int PruneEvery = 1 << 16;
    // A key's window while it is watched, and until when its flows join the alert once it has fired, so a flow costs one
    // lookup per direction.
    private readonly Dictionary<(int, int, int), Watch<int>> _vertical = [];
    // A horizontal window holds the destinations themselves (told apart by number), for the policies of its probes
    // before it fired.
    private readonly Dictionary<(int, int, int), Watch<FlowPeer>> _horizontal = [];
    private long _seen;
    private long _newest = long.MinValue;
    private long _disorder;

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL803", "port-scan", "Port scan", Severity.High, "flows",
            "One source probed many ports of a host or one port across many hosts: reconnaissance, typically from a compromised pod."),
        ["T1046"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Port is not { } port)
            return;
        var protocol = flow.Protocol ?? -1;
        var window = context.Options.ScanWindow.Ticks;
        var threshold = context.Options.ScanThreshold;
        // Aggregated records (VPC, GCP) come in files that list the capture windows of many interfaces out of order, and a
        // CSV export may be sorted otherwise than by time: a scan's records may be split by a later record. Windows keep
        // their items as long as the input has shown itself late (up to the connection timeout, VPC's longest window), so
        // input in time order costs nothing more.
        if (flow.Ticks < _newest)
            _disorder = Math.Min(context.Options.ConnectionIdle.Ticks, Math.Max(_disorder, _newest - flow.Ticks));
        _newest = Math.Max(_newest, flow.Ticks);
        var disorder = _disorder;
        var vertical = (flow.Source.Id, flow.Destination.Id, protocol);
        ref var verticalWatch = ref CollectionsMarshal.GetValueRefOrAddDefault(_vertical, vertical, out _);
        if (flow.Ticks <= verticalWatch.JoinUntil)
        {
            context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), port);
            verticalWatch.Window!.Hold(port, flow.Ticks, disorder, End(flow));
        }
        else if ((verticalWatch.Window ??= new ScanWindow<int>(window)).Add(port, flow.Ticks, threshold, disorder, End(flow), flow.NewConnection))
        {
            var verticalScan = verticalWatch.Window;
            var names = AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name);
            var counted = context.Alerts.Counted(this, flow, names);
            var draft = context.Alerts.Raise(this, flow, context, names, port);
            foreach (var (item, _, _, _) in verticalScan.Items)
            {
                draft.Ports.Add(item);
                AlertBook.Explain(draft, flow, context, flow.Destination, item);
            }
            Absorb(draft, verticalScan, counted);
            verticalWatch.JoinUntil = verticalScan.Join(threshold) + window;
        }
        var horizontal = (flow.Source.Id, protocol, port);
        ref var horizontalWatch = ref CollectionsMarshal.GetValueRefOrAddDefault(_horizontal, horizontal, out _);
        if (flow.Ticks <= horizontalWatch.JoinUntil)
        {
            context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, "*"), port);
            horizontalWatch.Window!.Hold(flow.Destination, flow.Ticks, disorder, End(flow));
        }
        else if ((horizontalWatch.Window ??= new ScanWindow<FlowPeer>(window, SameName.Instance)).Add(flow.Destination, flow.Ticks, threshold, disorder, End(flow), flow.NewConnection))
        {
            var horizontalScan = horizontalWatch.Window;
            // Another port's scan by the same source may have opened the alert (dst *): this one's probes add to its count.
            var names = AlertBook.Names.Of(flow.Source.Name, "*");
            var counted = context.Alerts.Counted(this, flow, names);
            var draft = context.Alerts.Raise(this, flow, context, names, port);
            foreach (var (destination, _, _, _) in horizontalScan.Items)
                AlertBook.Explain(draft, flow, context, destination, port);
            Absorb(draft, horizontalScan, counted);
            horizontalWatch.JoinUntil = horizontalScan.Join(threshold) + window;
        }
        if (++_seen % PruneEvery == 0)
            Prune(flow.Ticks, window + _disorder);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => alert.Destination == "*"
        ? $"{alert.Source} probed {Text.Ports(alert)} across many destinations ({Text.Connections(alert)})"
        : $"{alert.Source} probed {alert.Ports.Count} ports of {alert.Destination} ({Text.Connections(alert)})";

    /// <summary>
    /// The flows seen in the window before the alert fired join it: their span (the earliest start, the latest end) and
    /// their connections, the one that fired included (a port or destination probed twice is two connections; a vertical
    /// scan's items are its ports, added by the caller), added to those the alert <paramref name="counted"/> before the
    /// flow that fired joined it. No lambda here: one capturing the flow's port would cost an allocation on every flow,
    /// not only when a scan fires. Items that joined before (a scan firing anew) count none.
    /// </summary>
    private static void Absorb<T>(AlertDraft draft, ScanWindow<T> earlier, long counted) where T : notnull
    {
        var connections = 0;
        foreach (var (_, first, end, opened) in earlier.Items)
        {
            draft.First = Math.Min(draft.First, first);
            draft.Last = Math.Max(draft.Last, end);
            connections += opened;
        }
        draft.Count = Math.Max(draft.Count, counted + connections);
    }

    private static long End(in JudgedFlow flow) => flow.Record.End is { } end ? end.UtcTicks : flow.Ticks;

    private void Prune(long now, long window)
    {
        foreach (var (key, watch) in _vertical)
        {
            if (watch.IsStale(now - window))
                _vertical.Remove(key);
        }
        foreach (var (key, watch) in _horizontal)
        {
            if (watch.IsStale(now - window))
                _horizontal.Remove(key);
        }
    }

    /// <summary>
    /// A key's window, and, once it has fired, until when its flows lie in one interval with a scan's worth of the probes
    /// that joined the alert, so they join it too. A later flow joins only when it makes a scan again with the probes
    /// within its interval: the source's ordinary traffic long after a scan is not the scan.
    /// </summary>
    private struct Watch<T> where T : notnull
    {
        public ScanWindow<T>? Window;
        public long JoinUntil;

        public readonly bool IsStale(long before) => Window is null || Window.Newest < before;
    }

    /// <summary>Destinations as alerts name them: peers of one number (the replicas of a workload) are one.</summary>
    private sealed class SameName : IEqualityComparer<FlowPeer>
    {
        public static readonly SameName Instance = new();

        public bool Equals(FlowPeer? x, FlowPeer? y) => x?.Id == y?.Id;

        public int GetHashCode(FlowPeer peer) => peer.Id;
    }
}
