namespace Palisade.Generate.Traffic;

/// <summary>What one end of an observed connection is, which decides how a rule names it.</summary>
public enum EndKind
{
    /// <summary>Pods of a workload: named by label selectors.</summary>
    Workload,

    /// <summary>A hostNetwork pod: pod policies neither govern nor select it, so rules name its address.</summary>
    HostNetwork,

    /// <summary>A node's address.</summary>
    Node,

    /// <summary>The cluster IP of a Service without pods (the API server's <c>default/kubernetes</c>).</summary>
    Service,

    /// <summary>An address outside the cluster.</summary>
    External,

    /// <summary>Any source at all (a Service exposed outside the cluster, in policies inferred from manifests): a rule without peers.</summary>
    Anywhere,
}
