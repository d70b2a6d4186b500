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
    public bool IsCiliumHealth => Identity is { } identity ? identity == 4 : Labels.Contains("reserved:health");
}

/// <summary>A workload named by a flow format: its name and kind (Deployment, StatefulSet, ...).</summary>
public sealed record FlowWorkload(string Name, string Kind);
