namespace Palisade.Kubernetes.Live;

/// <summary>
/// What a kind not read takes away: a check category that cannot be trusted without it and is turned off (RBAC
/// checks without roles and bindings, mesh checks without Istio's policies), or the results it makes unreliable.
/// </summary>
/// <param name="OffCategory">The posture check category turned off, or null when the checks still run.</param>
/// <param name="Consequence">What the reader should distrust, in a few words.</param>
public sealed record PartialReadEffect(string? OffCategory, string Consequence)
{
    private const string Connectivity = "connectivity and the network checks are unreliable";
    private static readonly PartialReadEffect Rbac = new("rbac", "the RBAC checks are off");
    private static readonly PartialReadEffect Mesh = new("mesh", "the mesh checks are off");

    private static readonly Dictionary<string, PartialReadEffect> ByKind = new(StringComparer.Ordinal)
    {
        ["Namespace"] = new(null, $"namespace labels are unknown: {Connectivity}"),
        ["Pod"] = new(null, $"running pods are unknown (workload templates stand in for them): {Connectivity}"),
        ["Service"] = new(null, "Services are unknown: exposure (NodePort, LoadBalancer, Ingress backends) is unreliable"),
        ["Endpoints"] = new(null, "Service endpoints are unknown: addresses in flows may stay unnamed"),
        ["EndpointSlice"] = new(null, "Service endpoints are unknown: addresses in flows may stay unnamed"),
        ["Node"] = new(null, "nodes are unknown: node addresses in flows stay unnamed"),
        ["Ingress"] = new(null, "Ingress routes are unknown: what is reachable from outside is unreliable"),
        ["Route"] = new(null, "Routes are unknown: what is reachable from outside is unreliable"),
        ["ServiceAccount"] = Rbac,
        ["Role"] = Rbac,
        ["ClusterRole"] = Rbac,
        ["RoleBinding"] = Rbac,
        ["ClusterRoleBinding"] = Rbac,
        ["PeerAuthentication"] = Mesh,
        ["AuthorizationPolicy"] = Mesh,
        ["DestinationRule"] = Mesh,
    };

    /// <summary>The effect of not reading the kind; workload kinds and the policy tiers make connectivity unreliable.</summary>
    public static PartialReadEffect Of(string kind) =>
        ByKind.TryGetValue(kind, out var effect) ? effect : new PartialReadEffect(null, $"{kind} objects are unknown: {Connectivity}");
}
