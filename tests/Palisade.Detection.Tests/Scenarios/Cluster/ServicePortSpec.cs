namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A Service port; <see cref="TargetPort"/> is a number or a container port name.</summary>
public sealed record ServicePortSpec(string Name, int Port, string TargetPort, string Protocol = "TCP");
