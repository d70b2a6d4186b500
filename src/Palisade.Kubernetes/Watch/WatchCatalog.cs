using System.Text.Json;
using k8s.Autorest;
using Palisade.Kubernetes.Live;
using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// The kinds the service watches and where each may be served, newest version first; discovery keeps the first
/// version the server lists. Custom kinds (admin network policies, Routes, Istio) are watched only when installed.
/// </summary>
internal static class WatchCatalog
{
    private static readonly (string Kind, string Group, string[] Versions, string Plural)[] Candidates =
    [
        ("Namespace", "", ["v1"], "namespaces"),
        ("Pod", "", ["v1"], "pods"),
        ("Service", "", ["v1"], "services"),
        ("Endpoints", "", ["v1"], "endpoints"),
        ("Node", "", ["v1"], "nodes"),
        ("ReplicationController", "", ["v1"], "replicationcontrollers"),
        ("Deployment", "apps", ["v1"], "deployments"),
        ("ReplicaSet", "apps", ["v1"], "replicasets"),
        ("StatefulSet", "apps", ["v1"], "statefulsets"),
        ("DaemonSet", "apps", ["v1"], "daemonsets"),
        ("Job", "batch", ["v1"], "jobs"),
        ("CronJob", "batch", ["v1", "v1beta1"], "cronjobs"),
        ("NetworkPolicy", "networking.k8s.io", ["v1"], "networkpolicies"),
        ("AdminNetworkPolicy", "policy.networking.k8s.io", ["v1alpha1"], "adminnetworkpolicies"),
        ("BaselineAdminNetworkPolicy", "policy.networking.k8s.io", ["v1alpha1"], "baselineadminnetworkpolicies"),
        ("ClusterNetworkPolicy", "policy.networking.k8s.io", ["v1alpha2"], "clusternetworkpolicies"),
        ("Ingress", "networking.k8s.io", ["v1", "v1beta1"], "ingresses"),
        ("Route", "route.openshift.io", ["v1"], "routes"),
        ("ServiceAccount", "", ["v1"], "serviceaccounts"),
        ("Role", "rbac.authorization.k8s.io", ["v1"], "roles"),
        ("ClusterRole", "rbac.authorization.k8s.io", ["v1"], "clusterroles"),
        ("RoleBinding", "rbac.authorization.k8s.io", ["v1"], "rolebindings"),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io", ["v1"], "clusterrolebindings"),
        ("PeerAuthentication", "security.istio.io", ["v1", "v1beta1"], "peerauthentications"),
        ("AuthorizationPolicy", "security.istio.io", ["v1", "v1beta1"], "authorizationpolicies"),
        ("DestinationRule", "networking.istio.io", ["v1", "v1beta1", "v1alpha3"], "destinationrules"),
    ];

    /// <summary>The kinds the server serves, in the catalogue's order (namespaces first, then what runs, then policies).</summary>
    public static async Task<IReadOnlyList<WatchedKind>> DiscoverAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var served = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        var kinds = new List<WatchedKind>();
        foreach (var (kind, group, versions, plural) in Candidates)
        {
            foreach (var version in versions)
            {
                var groupVersion = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                if (!served.TryGetValue(groupVersion, out var resources))
                    served[groupVersion] = resources = await ResourcesAsync(client, groupVersion, cancellationToken).ConfigureAwait(false);
                if (resources?.Contains(plural) != true)
                    continue;
                kinds.Add(new WatchedKind(KindTable.Of(kind), group, version, plural, KindTable.Of(kind).Namespaced));
                break;
            }
        }
        return kinds;
    }

    /// <summary>The resources a group version lists; null when the server does not serve it.</summary>
    private static async Task<HashSet<string>?> ResourcesAsync(ApiClient client, string groupVersion, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(groupVersion, cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    if (resource.TryGetProperty("name", out var name) && name.GetString() is { } text)
                        names.Add(text);
                }
            }
            return names;
        }
        catch (HttpOperationException e) when ((int?)e.Response?.StatusCode == 404)
        {
            return null;
        }
    }
}
