namespace Palisade.Model;

/// <summary>One Service port; the target is a number or a container port name.</summary>
public sealed record ServicePort(string? Name, int Port, Protocol Protocol, int? TargetPortNumber, string? TargetPortName, int? NodePort);
