namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A Deployment or StatefulSet with the pods it owns.</summary>
public sealed class ClusterWorkload(string ns, string name, string kind, IReadOnlyDictionary<string, string> labels, IReadOnlyList<ContainerPortSpec> ports, int replicas)
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;

    /// <summary>Deployment or StatefulSet: the top owner alerts name.</summary>
    public string Kind { get; } = kind;

    /// <summary>The pod template's labels (and the selector).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public IReadOnlyList<ContainerPortSpec> Ports { get; } = ports;
    public int Replicas { get; } = replicas;

    /// <summary>The ReplicaSet's name for a Deployment (name-hash), else null.</summary>
    public string? ReplicaSetName { get; set; }

    public List<ClusterPod> Pods { get; } = [];

    /// <summary>How alerts name the workload: <c>ns/name[Kind]</c>, as connectivity prints it.</summary>
    public string AlertName => $"{Namespace}/{Name}[{Kind}]";

    /// <summary>The first pod (for single-replica workloads and deterministic picks).</summary>
    public ClusterPod Pod => Pods[0];

    /// <summary>Whether the workload declares the port (the contract's "listens on").</summary>
    public bool Listens(int port, string protocol) => Ports.Any(p => p.Port == port && p.Protocol == protocol);

    public override string ToString() => AlertName;
}
