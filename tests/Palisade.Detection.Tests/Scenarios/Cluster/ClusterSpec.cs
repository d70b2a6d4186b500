using System.Text.Json.Nodes;

namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// The cluster a scenario runs on, as the generator knows it: what it writes to <c>cluster/</c> and what the
/// label oracle resolves addresses against.
/// </summary>
public sealed class ClusterSpec
{
    /// <summary>Namespaces in creation order, with their labels.</summary>
    public List<(string Name, IReadOnlyDictionary<string, string> Labels)> Namespaces { get; } = [];

    public List<ClusterNode> Nodes { get; } = [];
    public List<ClusterWorkload> Workloads { get; } = [];
    public List<ClusterService> Services { get; } = [];

    /// <summary>NetworkPolicies as manifests (the state before any audit event).</summary>
    public List<JsonObject> Policies { get; } = [];

    /// <summary>Other objects a scenario adds (an Istio PeerAuthentication).</summary>
    public List<JsonObject> Extras { get; } = [];

    /// <summary>Namespaces whose Istio PeerAuthentication requires mTLS (STRICT).</summary>
    public HashSet<string> StrictMtlsNamespaces { get; } = [];

    /// <summary>When every object was created: well before any flow, so every pod held its address throughout.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The API server's endpoint (the control-plane node) and port, as default/kubernetes' Endpoints say.</summary>
    public const int ApiServerPort = 6443;

    public ClusterNode ControlPlane => Nodes.Single(n => n.ControlPlane);

    public ClusterWorkload Workload(string ns, string name) =>
        Workloads.Single(w => w.Namespace == ns && w.Name == name);

    public ClusterService Service(string ns, string name) =>
        Services.Single(s => s.Namespace == ns && s.Name == name);

    public ClusterNode Node(string name) => Nodes.Single(n => n.Name == name);

    public ClusterService KubernetesService => Service("default", "kubernetes");

    public IEnumerable<ClusterPod> Pods => Workloads.SelectMany(w => w.Pods);

    /// <summary>Every address the cluster owns (pods, Services, nodes): never public by the contract.</summary>
    public bool Owns(string ip) =>
        Pods.Any(p => p.Ip == ip) || Services.Any(s => s.ClusterIp == ip) || Nodes.Any(n => n.Ip == ip);
}
