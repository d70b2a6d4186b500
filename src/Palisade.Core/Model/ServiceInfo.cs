namespace Palisade.Model;

/// <summary>A Service: how it selects pods and which ports it exposes.</summary>
public sealed record ServiceInfo(string Namespace, string Name, string Type, LabelSet? Selector)
{
    /// <summary>The exposed ports.</summary>
    public IReadOnlyList<ServicePort> Ports { get; init; } = [];

    /// <summary>spec.externalIPs.</summary>
    public IReadOnlyList<string> ExternalIps { get; init; } = [];

    /// <summary>spec.loadBalancerSourceRanges.</summary>
    public IReadOnlyList<string> LoadBalancerSourceRanges { get; init; } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }
}
