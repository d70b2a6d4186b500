namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A running pod: its workload, node and address.</summary>
public sealed record ClusterPod(ClusterWorkload Workload, string Name, ClusterNode Node, string Ip, string Uid)
{
    public string Namespace => Workload.Namespace;

    public override string ToString() => $"{Namespace}/{Name}";
}
