using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// Tells the reply half of a connection from the request: by the record's own flag (Hubble <c>is_reply</c>),
/// else by TCP flags (SYN without ACK opens, SYN-ACK answers), else by ports: a record from a port its
/// source listens on to a port its destination does not, or from a non-ephemeral port to an ephemeral one
/// (Linux's range starts at 32768) that its destination does not listen on. Listening ports are the pods'
/// container ports, the target ports of the Services that select them, the node ports of the control plane
/// and NodePort range, and the destination ports of requests already seen. Not thread-safe.
/// </summary>
public sealed class Orientation
{
    private const int EphemeralStart = 32768;
    private const int MaxLearned = 1 << 20;
    private static readonly int[] NodeServerPorts = [22, 179, 2379, 2380, 6443, 10250, 10255, 10256, 10257, 10259];

    private readonly NetworkSnapshot _cluster;
    private readonly Dictionary<Pod, HashSet<int>> _declared = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(FlowPeer, int)> _learned = [];

    /// <summary>Orients records against the cluster's declared ports (the Services of <paramref name="cluster"/>).</summary>
    public Orientation(NetworkSnapshot cluster) => _cluster = cluster;

    /// <summary>Whether the record is a reply; requests teach the destination's listening port.</summary>
    public bool IsReply(FlowRecord record, FlowPeer source, FlowPeer destination, int? destinationPort)
    {
        var reply = Decide(record, source, destination, destinationPort);
        if (!reply && destinationPort is { } port)
            Learn(destination, port);
        return reply;
    }

    private bool Decide(FlowRecord record, FlowPeer source, FlowPeer destination, int? destinationPort)
    {
        if (record.IsReply is { } flagged)
            return flagged;
        if ((record.Flags & TcpFlags.Syn) != 0)
            return (record.Flags & TcpFlags.Ack) != 0;
        if (record.SourcePort is not { } from || destinationPort is not { } to)
            return false;
        if (Listens(destination, to))
            return false;
        return Listens(source, from) || (to >= EphemeralStart && from < EphemeralStart);
    }

    private bool Listens(FlowPeer peer, int port)
    {
        if (_learned.Contains((peer, port)))
            return true;
        return peer.Kind switch
        {
            FlowPeerKind.Pod => Declared(peer.Pod!).Contains(port),
            FlowPeerKind.Node => Array.IndexOf(NodeServerPorts, port) >= 0 || port is >= 30000 and <= 32767,
            _ => false,
        };
    }

    private HashSet<int> Declared(Pod pod)
    {
        if (_declared.TryGetValue(pod, out var ports))
            return ports;
        ports = [];
        foreach (var port in pod.Ports)
            ports.Add(port.Port);
        foreach (var service in _cluster.Services)
        {
            if (!service.Selects(pod))
                continue;
            foreach (var servicePort in service.Ports)
            {
                if (servicePort.TargetOn(pod) is { } target)
                    ports.Add(target);
            }
        }
        return _declared[pod] = ports;
    }

    private void Learn(FlowPeer destination, int port)
    {
        if (_learned.Count >= MaxLearned)
            _learned.Clear();
        _learned.Add((destination, port));
    }
}
