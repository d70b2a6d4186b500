namespace Palisade.Flows;

/// <summary>
/// What a format says about one end of a flow beyond its address: Hubble's endpoint (namespace, pod, labels,
/// workloads, security identity) or GCP's GKE details. Used when the cluster cannot name the address itself.
/// </summary>
public sealed record FlowEndpointInfo
{
    /// <summary>The pod's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The pod's name.</summary>
    public string? PodName { get; init; }

    /// <summary>Labels as the format writes them (Hubble: <c>k8s:app=web</c>, <c>reserved:world</c>).</summary>
    public IReadOnlyList<string> Labels { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The owning workloads the format names (Hubble <c>workloads</c>: name and kind).</summary>
    public IReadOnlyList<FlowWorkload> Workloads { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The Cilium security identity (1 host, 2 world, ...), when given.</summary>
    public uint? Identity { get; init; }

    /// <summary>The Service the flow was addressed to (Hubble <c>destination_service</c>, GCP service details), as <c>ns/name</c>.</summary>
    public string? Service { get; init; }

    /// <summary>
    /// Whether this is Cilium's health endpoint (reserved identity 4, <c>reserved:health</c>): the agent's own probes of
    /// every node, not a workload's traffic.
    /// </summary>
    public bool IsCiliumHealth => IsReserved(4, "reserved:health");

    /// <summary>
    /// Whether Hubble gives this end a workload's security identity (a cluster-scoped one: from 256 up to the local scope
    /// at 2^24) without naming a pod. Cilium's L7 proxy sends its own connections (to the server, on behalf of the client
    /// redirected to it) from the node's router address marked with the client's identity, which then has no pod name.
    /// </summary>
    public bool HasIdentityWithoutPod => Identity is >= 256 and < (1u << 24) && PodName is null;

    /// <summary>
    /// Whether Cilium marks this end with one of its reserved identities: by number when the record gives one, else by
    /// the identity's label.
    /// </summary>
    public bool IsReserved(uint identity, string label)
    {
        if (Identity is { } known)
            return known == identity;
        foreach (var given in Labels)
        {
            if (given == label)
                return true;
        }
        return false;
    }
}

/// <summary>A workload named by a flow format: its name and kind (Deployment, StatefulSet, ...).</summary>
public sealed record FlowWorkload(string Name, string Kind);
