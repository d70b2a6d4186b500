namespace Palisade.Flows.Identity;

/// <summary>What a flow's address was resolved to.</summary>
public enum FlowPeerKind
{
    /// <summary>A pod of the cluster (reported as its workload).</summary>
    Pod,

    /// <summary>A node's own address (reported as <c>node/NAME</c>).</summary>
    Node,

    /// <summary>An address no pod held at the time and no Service with pods owns (reported as the address).</summary>
    External,
}
