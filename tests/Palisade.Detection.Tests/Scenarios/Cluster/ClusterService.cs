namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A ClusterIP Service; without a selector (default/kubernetes) it has no pods.</summary>
public sealed class ClusterService(string ns, string name, string clusterIp, ClusterWorkload? backend, IReadOnlyList<ServicePortSpec> ports)
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public string ClusterIp { get; } = clusterIp;

    /// <summary>The workload whose pods the selector picks (the selector is its labels), or null.</summary>
    public ClusterWorkload? Backend { get; } = backend;

    public IReadOnlyList<ServicePortSpec> Ports { get; } = ports;

    /// <summary>The port entry for a service port number and protocol.</summary>
    public ServicePortSpec Port(int port, string protocol = "TCP") =>
        Ports.Single(p => p.Port == port && p.Protocol == protocol);

    /// <summary>
    /// The container port a service port reaches on a backend pod: the number, or the named container
    /// port (the contract judges and reports at this port).
    /// </summary>
    public int TargetPort(int port, string protocol = "TCP")
    {
        var entry = Port(port, protocol);
        if (int.TryParse(entry.TargetPort, out var number))
            return number;
        var backend = Backend ?? throw new InvalidOperationException($"{Name}: a named targetPort needs pods");
        return backend.Ports.Single(p => p.Name == entry.TargetPort && p.Protocol == protocol).Port;
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
