using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// The shape shared by AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)
/// and ClusterNetworkPolicy (v1alpha2), which the Kubernetes client has no models for. Deserialisation
/// targets only; mapped into Core at once.
/// </summary>
internal sealed class ClusterPolicyObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public ClusterPolicySpec? Spec { get; set; }
}

/// <summary>The spec of a cluster-scoped policy.</summary>
internal sealed class ClusterPolicySpec
{
    public int? Priority { get; set; }

    public string? Tier { get; set; }

    public ClusterPolicySubject? Subject { get; set; }

    public List<ClusterPolicyRule>? Ingress { get; set; }

    public List<ClusterPolicyRule>? Egress { get; set; }
}

/// <summary>A subject or a pod peer: exactly one of namespaces and pods.</summary>
internal sealed class ClusterPolicySubject
{
    public V1LabelSelector? Namespaces { get; set; }

    public NamespacedPodSelector? Pods { get; set; }
}

/// <summary>Pods selected by namespace AND pod labels.</summary>
internal sealed class NamespacedPodSelector
{
    public V1LabelSelector? NamespaceSelector { get; set; }

    public V1LabelSelector? PodSelector { get; set; }
}

/// <summary>An ingress or egress rule.</summary>
internal sealed class ClusterPolicyRule
{
    public string? Name { get; set; }

    public string? Action { get; set; }

    public List<ClusterPolicyPeer>? From { get; set; }

    public List<ClusterPolicyPeer>? To { get; set; }

    public List<ClusterPolicyPort>? Ports { get; set; }

    public List<ClusterPolicyProtocol>? Protocols { get; set; }
}

/// <summary>A peer: exactly one of namespaces, pods, nodes, networks, domainNames.</summary>
internal sealed class ClusterPolicyPeer
{
    public V1LabelSelector? Namespaces { get; set; }

    public NamespacedPodSelector? Pods { get; set; }

    public V1LabelSelector? Nodes { get; set; }

    public List<string>? Networks { get; set; }

    public List<string>? DomainNames { get; set; }
}

/// <summary>A v1alpha1 port: exactly one of portNumber, namedPort, portRange.</summary>
internal sealed class ClusterPolicyPort
{
    public ProtocolPort? PortNumber { get; set; }

    public string? NamedPort { get; set; }

    public ProtocolPortRange? PortRange { get; set; }
}

/// <summary>A protocol and port.</summary>
internal sealed class ProtocolPort
{
    public string? Protocol { get; set; }

    public int? Port { get; set; }
}

/// <summary>A protocol and inclusive port range.</summary>
internal sealed class ProtocolPortRange
{
    public string? Protocol { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }
}

/// <summary>A v1alpha2 protocol match: exactly one of tcp, udp, sctp, destinationNamedPort.</summary>
internal sealed class ClusterPolicyProtocol
{
    public DestinationPortMatch? Tcp { get; set; }

    public DestinationPortMatch? Udp { get; set; }

    public DestinationPortMatch? Sctp { get; set; }

    public string? DestinationNamedPort { get; set; }
}

/// <summary>A v1alpha2 destination port match.</summary>
internal sealed class DestinationPortMatch
{
    public DestinationPort? DestinationPort { get; set; }
}

/// <summary>A port number or a range.</summary>
internal sealed class DestinationPort
{
    public int? Number { get; set; }

    public PortNumberRange? Range { get; set; }
}

/// <summary>An inclusive range.</summary>
internal sealed class PortNumberRange
{
    public int? Start { get; set; }

    public int? End { get; set; }
}
