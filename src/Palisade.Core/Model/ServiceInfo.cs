using Palisade.Labels;

namespace Palisade.Model;

/// <summary>A Service: how it selects pods and which ports it exposes.</summary>
public sealed record ServiceInfo(string Namespace, string Name, string Type, LabelSet? Selector)
{
    /// <summary>The exposed ports.</summary>
    public IReadOnlyList<ServicePort> Ports { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>spec.externalIPs.</summary>
    public IReadOnlyList<string> ExternalIps { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The addresses status.loadBalancer.ingress gives (a load balancer named only by hostname gives none).</summary>
    public IReadOnlyList<System.Net.IPAddress> LoadBalancerIps { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>spec.loadBalancerSourceRanges.</summary>
    public IReadOnlyList<string> LoadBalancerSourceRanges { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// Whether a LoadBalancer Service also gets a node port per port (spec.allocateLoadBalancerNodePorts, true unless
    /// set to false); a NodePort Service always does.
    /// </summary>
    public bool AllocatesNodePorts { get; init; } = true;

    /// <summary>spec.clusterIPs (or spec.clusterIP); empty for headless Services and manifests that leave it to the API server.</summary>
    public IReadOnlyList<System.Net.IPAddress> ClusterIps { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The addresses and ports of the Service's Endpoints or EndpointSlices, when they were read.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> Endpoints { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether the Service's selector picks the pod (a Service without a selector picks none).</summary>
    public bool Selects(Pod pod)
    {
        if (Selector is not { Count: > 0 } selector || pod.Namespace != Namespace)
            return false;
        foreach (var (key, value) in selector.Items)
        {
            if (!pod.Labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        return true;
    }
}
