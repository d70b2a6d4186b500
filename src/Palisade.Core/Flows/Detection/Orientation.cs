using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// Tells the reply half of a connection from the request: by the record's own flag (Hubble <c>is_reply</c>; an ICMP
/// answer's type overrides a false one), else for ICMP by the message type or the request before it (<see cref="IcmpAnswers"/>), else by TCP flags
/// (SYN without ACK opens, SYN-ACK answers unless it goes to a port its destination serves from one its source does not),
/// else by ports: a record from a port its source listens on to a
/// port its destination does not, or from a non-ephemeral port to an ephemeral one (Linux's range starts at
/// 32768) that its destination does not listen on. Listening ports are the pods' container ports, the target
/// ports of the Services that select them, the node ports of the control plane and NodePort range, and the
/// destination ports of requests already seen. Not thread-safe.
/// </summary>
public sealed class Orientation
{
    private const int EphemeralStart = 32768;
    private const int MaxLearned = 1 << 20;
    private static readonly int[] NodeServerPorts = [22, 179, 2379, 2380, 6443, 10250, 10255, 10256, 10257, 10259];

    private readonly NetworkSnapshot _cluster;
    private readonly PodPeerSlots<int[]> _declaredByPeer = new();
    // Pods' declared ports as one shared array per distinct set: the replicas of a workload (and most workloads) declare
    // alike, so the few arrays a request's destination is checked against stay in cache, where a set per pod would not.
    private readonly Dictionary<string, int[]> _declaredSets = new(StringComparer.Ordinal);
    private readonly List<int> _scratch = [];
    private readonly HashSet<long> _learned = [];
    private readonly IcmpAnswers _icmp;

    /// <summary>
    /// Orients records against the cluster's declared ports (the Services of <paramref name="cluster"/>); an ICMP
    /// answer follows its request within <paramref name="idle"/>.
    /// </summary>
    public Orientation(NetworkSnapshot cluster, TimeSpan idle)
    {
        _cluster = cluster;
        _icmp = new IcmpAnswers(idle.Ticks);
    }

    /// <summary>
    /// Whether the record is a reply; requests teach the destination's listening port, unless dropped (a probe that never
    /// arrived shows nothing listens there: a scan of high ports would make the target's own later connections from
    /// them read as replies). Ports are as resolved: a Service's target ports on its pods' side.
    /// </summary>
    public bool IsReply(FlowRecord record, ResolvedEndpoint source, ResolvedEndpoint destination)
    {
        var reply = Decide(record, source, destination);
        if (!reply && destination.Port is { } port && record.Verdict is not (FlowVerdict.Dropped or FlowVerdict.Error))
            Learn(destination.Peer, port);
        if (!reply && record.Protocol == FlowProtocols.Udp && record.Format != FlowFormat.Hubble)
            _icmp.SentUdp(record, source.Peer, destination.Peer);
        return reply;
    }

    private bool Decide(FlowRecord record, ResolvedEndpoint source, ResolvedEndpoint destination)
    {
        if (record.IsReply == true)
            return true;
        // An ICMP message's type says whether it answers, whatever is_reply says: Hubble writes is_reply false for the error
        // reports Cilium's conntrack finds related to a connection (CT_RELATED) rather than in its reply direction.
        if (record.Protocol is FlowProtocols.Icmp or FlowProtocols.IcmpV6 && (record.IsReply is null || record.IcmpType is not null))
            return _icmp.IsAnswer(record, source.Peer, destination.Peer);
        if (record.IsReply is { } flagged)
            return flagged;
        // SYN opens and SYN-ACK answers, as a packet and AWS's tcp-flags (which report ACK only with SYN) give them; flags
        // OR-ed over every packet of a side (PSH, which neither gives with SYN), or a SYN-ACK going from a port nobody
        // serves to one its destination serves, say nothing of the direction: the ports tell.
        if ((record.Flags & TcpFlags.Syn) != 0 && (record.Flags & (TcpFlags.Psh | TcpFlags.Urg)) == 0)
        {
            if ((record.Flags & TcpFlags.Ack) == 0)
                return false;
            if (source.Port is not { } server || destination.Port is not { } client || !Listens(destination.Peer, client) || Listens(source.Peer, server))
                return true;
        }
        if (source.Port is not { } from || destination.Port is not { } to)
            return false;
        if (Listens(destination.Peer, to))
            return false;
        return Listens(source.Peer, from) || ServicePort(source, record.SourcePort) || (to >= EphemeralStart && from < EphemeralStart);
    }

    /// <summary>Whether the record comes from a port its source Service exposes: only a reply does.</summary>
    private static bool ServicePort(ResolvedEndpoint source, int? port)
    {
        if (source.Service is not { } service || port is not { } p)
            return false;
        foreach (var servicePort in service.Ports)
        {
            if (servicePort.Port == p)
                return true;
        }
        return false;
    }

    private bool Listens(FlowPeer peer, int port)
    {
        if (_learned.Contains(Key(peer, port)))
            return true;
        return peer.Kind switch
        {
            FlowPeerKind.Pod => Declared(peer).AsSpan().Contains(port),
            FlowPeerKind.Node => Array.IndexOf(NodeServerPorts, port) >= 0 || port is >= 30000 and <= 32767,
            _ => false,
        };
    }

    /// <summary>A pod peer's declared ports, in its slot: asked of every request's destination.</summary>
    private int[] Declared(FlowPeer peer) =>
        _declaredByPeer.TryGet(peer, out var ports) ? ports : _declaredByPeer.Set(peer, Declared(peer.Pod!));

    private int[] Declared(Pod pod)
    {
        var ports = _scratch;
        ports.Clear();
        foreach (var port in pod.Ports)
            ports.Add(port.Port);
        foreach (var service in _cluster.ServicesIn(pod.Namespace))
        {
            if (!service.Selects(pod))
                continue;
            foreach (var servicePort in service.Ports)
            {
                if (servicePort.TargetOn(pod) is { } target)
                    ports.Add(target);
            }
        }
        ports.Sort();
        var key = string.Join(',', ports);
        if (!_declaredSets.TryGetValue(key, out var shared))
            _declaredSets[key] = shared = [.. ports];
        return shared;
    }

    private void Learn(FlowPeer destination, int port)
    {
        if (destination.IsPod && Declared(destination).AsSpan().Contains(port))
            return;
        var key = Key(destination, port);
        if (_learned.Contains(key))
            return;
        if (_learned.Count >= MaxLearned)
            _learned.Clear();
        _learned.Add(key);
    }

    /// <summary>A peer's name (as its number: the pods of one workload listen alike) and a port, as one number.</summary>
    private static long Key(FlowPeer peer, int port) => ((long)peer.Id << 17) | (uint)port;
}
