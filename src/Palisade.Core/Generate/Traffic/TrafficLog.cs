using Palisade.Flows.Identity;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Traffic;

/// <summary>
/// The traffic model <c>generate</c> builds while flows are read: every delivered request per edge (source,
/// destination, protocol, port reached) with what the detectors flagged of it, the workloads seen, the names DNS
/// answers gave, and what could not be read as traffic. <see cref="Close"/> decides which edges become rules.
/// Not thread-safe.
/// </summary>
public sealed class TrafficLog
{
    private const int MaxLocations = 20;

    // Detectors that recognise a flow only once enough have been seen, and fold the earlier ones into the alert.
    private static readonly string[] Retroactive = ["port-scan", "dns-exfiltration"];

    private readonly Dictionary<(TrafficEnd, TrafficEnd, int, int), EdgeTally> _edges = [];
    private readonly Dictionary<(string, string, string, string), long> _opened = [];
    private readonly HashSet<WorkloadRef> _seen = [];
    private readonly List<SourceLocation> _unresolvable = [];
    private readonly IpSet _podNetwork;
    private readonly GenerateOptions _options;

    /// <summary>A log for traffic in the cluster's history.</summary>
    public TrafficLog(ClusterHistory history, GenerateOptions options)
    {
        _options = options;
        _podNetwork = IpSet.Of(history.States.SelectMany(s => s.Snapshot.Nodes).SelectMany(n => n.PodCidrs));
    }

    /// <summary>Request records that reached the recorder (resolved, not replies).</summary>
    public long Requests { get; private set; }

    /// <summary>Requests not delivered (dropped, or no verdict and denied): attempts, not traffic to allow.</summary>
    public long NotDelivered { get; private set; }

    /// <summary>Delivered requests with no pod at either end (a node to the API server): nothing to generate.</summary>
    public long NotPodTraffic { get; private set; }

    /// <summary>
    /// Delivered requests into a pod from the node it runs on (the kubelet's probes): Kubernetes allows them whatever
    /// the policies, so they need no rule, and a rule for the node's address would also let it reach the workload's
    /// pods on other nodes.
    /// </summary>
    public long FromResidentNode { get; private set; }

    /// <summary>Records whose addresses could not be parsed.</summary>
    public long Unresolvable { get; private set; }

    /// <summary>Where the first unresolvable records were read.</summary>
    public IReadOnlyList<SourceLocation> UnresolvableAt => _unresolvable;

    /// <summary>Workloads seen at either end of a request, whatever its verdict: the capture covers them.</summary>
    public IReadOnlyCollection<WorkloadRef> Seen => _seen;

    /// <summary>Names DNS answers gave for addresses.</summary>
    public DnsNames Names { get; } = new();

    /// <summary>Adds one judged request; <paramref name="flags"/> are the excluding detectors that flagged it.</summary>
    internal void Add(in JudgedFlow flow, IReadOnlyCollection<string> flags, bool toPublic)
    {
        Requests++;
        Touch(flow.Source);
        Touch(flow.Destination);
        if (!flow.Delivered)
        {
            NotDelivered++;
            return;
        }
        if (FlowJudge.FromResidentNode(flow.Source, flow.Destination))
        {
            FromResidentNode++;
            return;
        }
        var source = TrafficEnd.Of(flow.Source, flow.Record.Source, null);
        var destination = TrafficEnd.Of(flow.Destination, flow.Record.Destination, flow.Destination.IsPod ? null : flow.Service);
        if (source.IsAddress && destination.IsAddress)
        {
            NotPodTraffic++;
            return;
        }
        Tally(flow, source, destination, flow.Destination, flow.Port, flags, toPublic);
    }

    /// <summary>
    /// Adds the delivered request <paramref name="flow"/> to a Service's address as reaching <paramref name="backend"/>,
    /// another workload's pod behind the Service, at <paramref name="port"/>: the data plane may send the next such
    /// connection there. Counts no request.
    /// </summary>
    internal void AddBackend(in JudgedFlow flow, FlowPeer backend, int port, IReadOnlyCollection<string> flags)
    {
        Touch(backend);
        Tally(flow, TrafficEnd.Of(flow.Source, flow.Record.Source, null), TrafficEnd.Of(backend, flow.Record.Destination, null), backend, port, flags, toPublic: false);
    }

    private void Tally(in JudgedFlow flow, TrafficEnd source, TrafficEnd destination, FlowPeer destinationPeer, int? port, IReadOnlyCollection<string> flags, bool toPublic)
    {
        var key = (source, destination, flow.Protocol ?? -1, port ?? -1);
        if (!_edges.TryGetValue(key, out var tally))
            _edges[key] = tally = new EdgeTally(source, destination, flow.Protocol, port) { ToPublic = toPublic };
        tally.Add(flow.Ticks, (flow.Record.End ?? flow.Record.Time).UtcTicks, flow.NewConnection, flags, flow.Source, destinationPeer);
    }

    /// <summary>Notes when an alert opened (the time of the flow that crossed the detector's threshold).</summary>
    internal void Opened(string detector, string source, string destination, string protocol, long ticks)
    {
        if (Retroactive.Contains(detector))
            _opened.TryAdd((detector, source, destination, protocol), ticks);
    }

    /// <summary>Counts a record whose addresses could not be parsed, keeping where the first ones were.</summary>
    public void AddUnresolvable(FlowRecord record)
    {
        Unresolvable++;
        if (_unresolvable.Count < MaxLocations && record.Location is { } location)
            _unresolvable.Add(location);
    }

    private void Touch(Flows.Identity.FlowPeer peer)
    {
        if (peer.Pod is { HostNetwork: false } pod)
            _seen.Add(pod.Owner);
    }

    /// <summary>
    /// Decides, once every flow is read: an edge becomes traffic to allow when some of its connections were not
    /// flagged (connections a scan or exfiltration alert took in afterwards, within one window before it fired, count as flagged), when every detector
    /// that flagged it is included, or when control-plane access is routine (a component's watch or scrape:
    /// <see cref="GenerateOptions.RoutineConnections"/> over <see cref="GenerateOptions.RoutineSpan"/>). The rest is
    /// left out with its reason: the first excluding detector, <c>internet-egress</c> by the option,
    /// <c>not-expressible</c> without a port, <c>unresolvable</c> for an address of the pod network no pod held.
    /// </summary>
    public (IReadOnlyList<ObservedEdge> Edges, IReadOnlyList<LeftOut> LeftOut) Close(IReadOnlyList<FlowAlert> alerts)
    {
        foreach (var alert in alerts.Where(a => Retroactive.Contains(a.Detector) && _options.Excludes(a.Detector)))
        {
            // What the detector took in before it fired lies within one window before the flow that crossed the threshold.
            var opened = _opened.GetValueOrDefault((alert.Detector, alert.Source, alert.Destination, alert.Protocol), alert.First.UtcTicks);
            var window = alert.Detector == "port-scan" ? _options.Check.ScanWindow : _options.Check.DnsWindow;
            foreach (var tally in _edges.Values)
            {
                if (Matches(tally, alert))
                    tally.FlagWithin(alert.Detector, opened - window.Ticks, alert.Last.UtcTicks);
            }
        }
        var edges = new List<ObservedEdge>();
        var leftOut = new Dictionary<(string, string, string, string), (SortedSet<int> Ports, long Connections)>();
        foreach (var tally in _edges.Values)
        {
            var (reason, note) = Decide(tally);
            if (reason is null)
            {
                edges.Add(new ObservedEdge(tally.Source, tally.Destination, FlowProtocols.ToPolicy(tally.Protocol)!.Value, tally.Port!.Value)
                {
                    Connections = tally.Connections,
                    Samples = [.. tally.Samples],
                    Note = note,
                    ToPublic = tally.ToPublic,
                });
                continue;
            }
            var key = (reason, tally.Source.Name, tally.Destination.Name, FlowProtocols.Name(tally.Protocol));
            var entry = leftOut.GetValueOrDefault(key, (new SortedSet<int>(), 0));
            if (tally.Port is { } port)
                entry.Ports.Add(port);
            leftOut[key] = (entry.Ports, entry.Connections + tally.Connections);
        }
        return (
            [.. edges.OrderBy(e => e.Source).ThenBy(e => e.Destination).ThenBy(e => e.Protocol).ThenBy(e => e.Port)],
            [.. leftOut.Select(e => new LeftOut(e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Key.Item4, [.. e.Value.Ports], e.Value.Connections))
                .OrderBy(l => l.Reason, StringComparer.Ordinal).ThenBy(l => l.Source, StringComparer.Ordinal)
                .ThenBy(l => l.Destination, StringComparer.Ordinal).ThenBy(l => l.Protocol, StringComparer.Ordinal)]);
    }

    private (string? Reason, string? Note) Decide(EdgeTally tally)
    {
        string? note = null;
        var flags = tally.CleanConnections == 0 ? tally.Flags.Keys.Where(_options.Excludes).ToArray() : [];
        if (flags.Length > 0)
        {
            if (flags is not ["control-plane-access"] || !Routine(tally))
                return (GenerateOptions.ExcludingDetectors.First(flags.Contains), null);
            note = $"routine control-plane access: {tally.Connections} connections over {Minutes(tally)} min";
        }
        if (FlowProtocols.ToPolicy(tally.Protocol) is null || tally.Port is null)
            return ("not-expressible", null);
        if (InPodNetwork(tally.Source) || InPodNetwork(tally.Destination))
            return ("unresolvable", null);
        if (tally.ToPublic && !tally.Source.IsAddress && _options.ExternalEgress != ExternalEgress.Cidr)
            return ("internet-egress", null);
        return (null, note);
    }

    private bool InPodNetwork(TrafficEnd end) => end.Kind == EndKind.External && _podNetwork.Contains(end.Address!.Value.Range);

    private bool Routine(EdgeTally tally) =>
        tally.Connections >= _options.RoutineConnections && tally.Last - tally.First >= _options.RoutineSpan.Ticks;

    private static string Minutes(EdgeTally tally) =>
        TimeSpan.FromTicks(tally.Last - tally.First).TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private static bool Matches(EdgeTally tally, FlowAlert alert) =>
        tally.Source.Name == alert.Source
        && (alert.Destination == "*" || tally.Destination.Name == alert.Destination)
        && FlowProtocols.Name(tally.Protocol) == alert.Protocol
        && tally.Port is { } port && alert.Ports.Contains(port);
}
