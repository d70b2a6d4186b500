using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// Aggregates raised flows into alerts, one per detector, source, destination, protocol (and cause): the
/// first flow opens the alert, every flow widens its span and ports, every new connection adds to its count.
/// Not thread-safe.
/// </summary>
public sealed class AlertBook
{
    private readonly Dictionary<Key, AlertDraft> _drafts = [];
    // Alerts opened by the record being judged: announced once every detector is done with it, since a detector completes
    // what it opened (a port scan takes in its earlier probes, a DNS alert its message) after raising it.
    private readonly List<AlertDraft> _unannounced = [];

    /// <summary>Called when an alert is first raised, once the detectors are done with the record that opened it (for streaming output).</summary>
    public event Action<AlertDraft>? Opened;

    /// <summary>Called every time a flow joins an alert, new or not (for observers that must know which flows were flagged).</summary>
    public event Action<AlertDraft>? Raised;

    /// <summary>The alerts so far.</summary>
    public IEnumerable<AlertDraft> Drafts => _drafts.Values;

    /// <summary>
    /// Adds the flow to its alert, opening it if needed. Keys may differ from the names shown (a detector that
    /// groups external addresses by /24 shows the address of the earliest flow, at either end); a null port adds none.
    /// </summary>
    public AlertDraft Raise(IFlowDetector detector, in JudgedFlow flow, FlowCheckContext context, Names names, int? port, ClusterChange? cause = null)
    {
        var protocol = FlowProtocols.Reported(flow.Protocol);
        var key = new Key(detector, names.SourceKey, names.DestinationKey, protocol ?? -1, cause);
        var opened = false;
        if (!_drafts.TryGetValue(key, out var draft))
        {
            _drafts[key] = draft = new AlertDraft(detector, names.Source, names.Destination, protocol, cause) { Location = flow.Record.Location };
            opened = true;
        }
        Explain(draft, flow, context, flow.Destination, flow.Port);
        if (!opened && flow.Ticks < draft.First)
            (draft.Source, draft.Destination) = (names.Source, names.Destination);
        draft.First = Math.Min(draft.First, flow.Ticks);
        draft.Last = Math.Max(draft.Last, (flow.Record.End ?? flow.Record.Time).UtcTicks);
        if (flow.NewConnection || opened)
            draft.Count++;
        if (port is { } p)
            draft.Ports.Add(p);
        if (opened && Opened is not null)
            _unannounced.Add(draft);
        Raised?.Invoke(draft);
        return draft;
    }

    /// <summary>
    /// The connections already counted by the alert the flow would join under these names, 0 when none is open: a detector
    /// that adds what it saw before its alert fired (a port scan's earlier probes) adds them to what an alert of the same
    /// key already holds (two horizontal scans of one source on two ports are one alert, <c>dst</c> <c>*</c>).
    /// </summary>
    public long Counted(IFlowDetector detector, in JudgedFlow flow, Names names, ClusterChange? cause = null) =>
        _drafts.TryGetValue(new Key(detector, names.SourceKey, names.DestinationKey, FlowProtocols.Reported(flow.Protocol) ?? -1, cause), out var draft)
            ? draft.Count
            : 0;

    /// <summary>Announces the alerts opened since the last call (<see cref="Opened"/>): called once a record is judged.</summary>
    public void Announce()
    {
        if (_unannounced.Count == 0)
            return;
        foreach (var draft in _unannounced)
            Opened?.Invoke(draft);
        _unannounced.Clear();
    }

    /// <summary>
    /// Adds the policies behind the verdict of the flow's source to the destination at the port (a cached lookup) to the
    /// alert's: an alert names those of every record it aggregates, whatever their order.
    /// </summary>
    public static void Explain(AlertDraft draft, in JudgedFlow flow, FlowCheckContext context, FlowPeer destination, int? port) =>
        draft.AddPolicies(context.Judge(flow.State).Policies(flow.Source, destination, flow.Protocol, port));

    /// <summary>How an alert names its endpoints, and the keys it aggregates them by.</summary>
    public readonly record struct Names(string Source, string Destination, string SourceKey, string DestinationKey)
    {
        /// <summary>Endpoints named and keyed alike.</summary>
        public static Names Of(string source, string destination) => new(source, destination, source, destination);
    }

    /// <summary>
    /// Closes the alerts <paramref name="quiet"/> holds for: they leave the book, and a flow of the same kind later opens a
    /// new alert. For a check that runs for the life of a service, whose book would otherwise grow with every distinct
    /// alert ever raised; the caller says when an alert is quiet (the service: its flow time fell an idle period behind the
    /// stream's since it last grew); the closed alerts are returned.
    /// </summary>
    public List<AlertDraft> Retire(Func<AlertDraft, bool> quiet)
    {
        var retired = new List<AlertDraft>();
        foreach (var (key, draft) in _drafts)
        {
            if (quiet(draft))
            {
                retired.Add(draft);
                _drafts.Remove(key);
            }
        }
        return retired;
    }

    private readonly record struct Key(IFlowDetector Detector, string Source, string Destination, int Protocol, ClusterChange? Cause);
}
