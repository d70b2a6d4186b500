using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// <c>flows check</c>: resolves each record's endpoints at its time, drops replies, judges the request by the
/// policy in force then, and hands it to every detector. Records can be fed as they arrive (a stream); the
/// result is available at any point. Not thread-safe.
/// </summary>
public sealed class FlowCheck
{
    private readonly FlowCheckContext _context;
    private readonly IFlowDetector[] _detectors;
    private readonly Orientation _orientation;
    private readonly ConnectionTracker _connections;
    // The connections that carried an L7 request: a connection redirected to Cilium's proxy shows its L3/L4 events before
    // its first L7 record, so the L7 detectors count connections by their first L7 request, not by their first packet.
    private readonly ConnectionTracker _l7Connections;
    private readonly UnconfirmedForwards _unconfirmed;
    private readonly Action<JudgedFlow> _run;

    /// <summary>Checks flows with the given detectors.</summary>
    public FlowCheck(FlowCheckContext context, IReadOnlyList<IFlowDetector> detectors)
    {
        _context = context;
        _detectors = [.. detectors];
        _orientation = new Orientation(context.History.Initial.Network, context.Options.ConnectionIdle);
        _connections = new ConnectionTracker(context.Options.ConnectionIdle);
        _l7Connections = new ConnectionTracker(context.Options.ConnectionIdle);
        _unconfirmed = new UnconfirmedForwards(context.Options.ConnectionIdle.Ticks);
        _run = Run;
    }

    private FlowCheck(FlowCheck previous, FlowCheckContext context)
    {
        // Held records name states of the previous history by index, which the new one may shift (a service's history drops
        // its oldest states): each is moved to its state's index in the new history, and only one whose state is gone is
        // let out now. Letting them all out would make a forward whose policy drop at the next node comes in the service's
        // next batch a policy-violation whenever the cluster changed in between, which flows check on the files never says.
        var previousStates = previous._context.History.States;
        var index = new Dictionary<ClusterState, int>(context.History.States.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < context.History.States.Count; i++)
            index[context.History.States[i]] = i;
        previous._unconfirmed.Remap(state => index.TryGetValue(previousStates[state], out var moved) ? moved : -1, previous._run);
        _context = context;
        _detectors = previous._detectors;
        _orientation = previous._orientation;
        _connections = previous._connections;
        _l7Connections = previous._l7Connections;
        _unconfirmed = previous._unconfirmed;
        _run = Run;
        Flows = previous.Flows;
        Unresolved = previous.Unresolved;
    }

    /// <summary>
    /// This check going on with a context of a longer history (from <see cref="FlowCheckContext.Extend"/>): detectors
    /// keep their windows, connections stay tracked, alerts keep aggregating. This instance must not be used after.
    /// </summary>
    public FlowCheck Continue(FlowCheckContext context) => new(this, context);

    /// <summary>
    /// Runs the detectors on the forwarded records still waiting for a policy drop of their connection at another
    /// observation point (<see cref="UnconfirmedForwards"/>): at the end of the input, or of a batch of a stream.
    /// </summary>
    public void Flush() => _unconfirmed.ReleaseAll(_run);

    /// <summary>How long a forwarded record waits for a drop at another observation point: a stream read live that has
    /// been quiet this long can be flushed without judging a connection before its drop arrives.</summary>
    public static TimeSpan Hold { get; } = TimeSpan.FromTicks(UnconfirmedForwards.Grace);

    /// <summary>The context, whose alert book reports alerts as they open.</summary>
    public FlowCheckContext Context => _context;

    /// <summary>Records read.</summary>
    public long Flows { get; private set; }

    /// <summary>Records whose addresses could not be parsed.</summary>
    public long Unresolved { get; private set; }

    /// <summary>
    /// Judges one record and runs the detectors on it; a forwarded record the policy denies may wait for a policy drop of
    /// its connection at another observation point, so a caller that does not ask for <see cref="Result"/> calls
    /// <see cref="Flush"/> when its input ends.
    /// </summary>
    public void Observe(FlowRecord record)
    {
        Flows++;
        var ticks = record.Time.UtcTicks;
        // A record flagged as a reply is dropped whatever its ends resolve to (orientation believes the flag, and only
        // requests teach listening ports), so it is not resolved: a third of Hubble's records. So is a socket's translation
        // trace (the connection's packets are recorded apart), and Cilium's health checks, the agent probing every node:
        // in a cluster of more than 20 nodes each health endpoint would be a horizontal port scan.
        if (record.IsReply == true || record.SocketTrace || record.SourceInfo is { IsCiliumHealth: true } || record.DestinationInfo is { IsCiliumHealth: true })
        {
            if (record.Source is null || record.Destination is null)
                Unresolved++;
            return;
        }
        var state = _context.History.IndexAt(ticks);
        if (_context.Resolver.Source(record, state) is not { } origin || _context.Resolver.Destination(record, state) is not { } target)
        {
            Unresolved++;
            return;
        }
        // Cilium's L7 proxy's own connection to the server (from the node's router address, which no pod holds, or from the
        // node's address for an ingress proxy, with the client's identity): the client's records (the redirected SYN, the
        // trace to the proxy, the L7 requests) carry the connection, and the proxy pools its upstream connections.
        if (ProxyLeg(origin.Peer, record.SourceInfo) || ProxyLeg(target.Peer, record.DestinationInfo))
        {
            // Dropped by the server's policy, it is the drop of the client's connection the proxy carried.
            if (record.DroppedByPolicy && ProxyLeg(origin.Peer, record.SourceInfo) && record.SourceInfo!.Identity is { } identity)
            {
                var drop = new JudgedFlow { Record = record, Source = origin.Peer, Destination = target.Peer, Port = target.Port, State = state };
                _unconfirmed.DropProxied(identity, drop, _context, _run);
            }
            return;
        }
        _connections.Prefetch(record, target.Peer, target.Port);
        if (_orientation.IsReply(record, origin, target))
            return;
        var source = origin.Peer;
        var flow = new JudgedFlow
        {
            Record = record,
            Source = source,
            Destination = target.Peer,
            Service = target.Service,
            Port = target.Port,
            State = state,
            Outcome = Outcome(record),
            PolicyAllows = _context.Judge(state).Allows(source, target.Peer, record.Protocol, target.Port),
            NewConnection = _connections.IsNew(record, target.Peer, target.Port, ticks),
            NewL7Connection = (record.Dns is not null || record.Http is not null) && _l7Connections.IsNew(record, target.Peer, target.Port, ticks),
        };
        _unconfirmed.Release(ticks, _run);
        if (_unconfirmed.Admit(ref flow, _context, _run))
            Run(flow);
    }

    private void Run(JudgedFlow flow)
    {
        foreach (var detector in _detectors)
            detector.Observe(in flow, _context);
        _context.Alerts.Announce();
    }

    /// <summary>The result so far: alerts ordered by first time, detector, source, destination and protocol.</summary>
    public FlowCheckResult Result()
    {
        Flush();
        var alerts = _context.Alerts.Drafts.Select(d => d.ToAlert())
            .OrderBy(a => a.First).ThenBy(a => a.Detector, StringComparer.Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal)
            .ThenBy(a => a.Destination, StringComparer.Ordinal).ThenBy(a => a.Protocol, StringComparer.Ordinal)
            .ThenBy(a => a.Cause?.Time)
            .ToArray();
        return new FlowCheckResult(Flows, Unresolved, alerts);
    }

    /// <summary>An end no pod holds (an external address, a node's) that Hubble marks with a workload's identity.</summary>
    private static bool ProxyLeg(FlowPeer peer, FlowEndpointInfo? info) =>
        peer.Kind is FlowPeerKind.External or FlowPeerKind.Node && info is { HasIdentityWithoutPod: true };

    private static FlowOutcome Outcome(FlowRecord record) => record.Verdict switch
    {
        FlowVerdict.Forwarded or FlowVerdict.Audit => FlowOutcome.Forwarded,
        FlowVerdict.Dropped when record.DroppedByPolicy => FlowOutcome.DroppedByPolicy,
        FlowVerdict.Dropped or FlowVerdict.Error => FlowOutcome.DroppedOther,
        _ => FlowOutcome.Unknown,
    };
}
