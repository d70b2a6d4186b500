namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A declared container port: what a pod "listens on" in the contract's reply rule.</summary>
public sealed record ContainerPortSpec(string Name, int Port, string Protocol = "TCP");
