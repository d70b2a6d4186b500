using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Identity;

/// <summary>
/// One end of a flow resolved against the cluster: a pod (named by its workload, as <c>connectivity</c>
/// prints it), a node (<c>node/NAME</c>) or an external address (the address itself). Immutable once a resolver
/// has numbered it (<see cref="Id"/>, <see cref="PodSerial"/>); resolvers hand out one instance per pod and node, so
/// instances can be compared by reference.
/// </summary>
public sealed class FlowPeer
{
    private FlowPeer(FlowPeerKind kind, string name, Pod? pod, NodeInfo? node, AddressKey? address, string? workloadKey = null)
    {
        Id = -1;
        Kind = kind;
        Name = name;
        WorkloadKey = workloadKey ?? name;
        Pod = pod;
        Node = node;
        Address = address;
    }

    /// <summary>A pod, named by its workload.</summary>
    public static FlowPeer OfPod(Pod pod) => new(FlowPeerKind.Pod, pod.Owner.ToString(), pod, null, null, WorkloadKeys.Of(pod));

    /// <summary>A node, named <c>node/NAME</c>, seen at one of its addresses.</summary>
    public static FlowPeer OfNode(NodeInfo node, AddressKey address) => new(FlowPeerKind.Node, $"node/{node.Name}", null, node, address);

    /// <summary>An external address, named by the address.</summary>
    public static FlowPeer OfAddress(AddressKey address) => new(FlowPeerKind.External, address.ToAddress().ToString(), null, null, address);

    /// <summary>
    /// A number for <see cref="Name"/>, equal for every peer of the same name (the pods of one workload), so that
    /// detectors key their state by integers; -1 until a resolver names it. An external address keeps its number
    /// while its resolver remembers the address (up to a million of them), not for ever.
    /// </summary>
    public int Id { get; internal set; }

    /// <summary>
    /// For a pod peer, its number among the pod peers of the resolver that made it (0, 1, 2, ...), so that per-pod
    /// state is an array slot rather than a lookup; -1 otherwise.
    /// </summary>
    public int PodSerial { get; internal set; } = -1;

    /// <summary>
    /// For a pod peer, a number for its namespace and name, equal for the peers of one pod in every state of the check;
    /// <see cref="TemplatePod"/> for a workload's template pod, which stands for every replica; -1 when no resolver
    /// numbered it. Lets a pod's traffic to itself be told without reading the Pod objects.
    /// </summary>
    public int PodNumber { get; internal set; } = -1;

    /// <summary>The <see cref="PodNumber"/> of a workload's template pod.</summary>
    public const int TemplatePod = -2;

    /// <summary>What the address was resolved to.</summary>
    public FlowPeerKind Kind { get; }

    /// <summary>The name alerts use: <c>ns/name[Kind]</c>, <c>node/NAME</c> or the address.</summary>
    public string Name { get; }

    /// <summary>
    /// How a baseline keys a pod's workload (<see cref="WorkloadKeys"/>): <see cref="Name"/>, but the Deployment or CronJob
    /// for a ReplicaSet or Job a dump without controllers names; <see cref="Name"/> for nodes and addresses.
    /// </summary>
    public string WorkloadKey { get; }

    /// <summary>The pod, for <see cref="FlowPeerKind.Pod"/>.</summary>
    public Pod? Pod { get; }

    /// <summary>The node, for <see cref="FlowPeerKind.Node"/>.</summary>
    public NodeInfo? Node { get; }

    /// <summary>The address, for nodes and external peers (pods have several; see <see cref="Model.Pod.Addresses"/>).</summary>
    public AddressKey? Address { get; }

    /// <summary>Whether this is a pod.</summary>
    public bool IsPod => Kind == FlowPeerKind.Pod;

    /// <inheritdoc />
    public override string ToString() => Name;
}
