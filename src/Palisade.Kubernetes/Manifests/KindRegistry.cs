using k8s.Models;
using Palisade.Kubernetes.Crds;

namespace Palisade.Kubernetes.Manifests;

/// <summary>The kinds Palisade reads, by API group and kind, and the client model type of each.</summary>
internal static class KindRegistry
{
    private const string AuditGroup = "audit.k8s.io";

    private static readonly Dictionary<string, (string[] Groups, Type Model)> Kinds = new(StringComparer.Ordinal)
    {
        ["ServiceAccount"] = ([""], typeof(V1ServiceAccount)),
        ["Role"] = (["rbac.authorization.k8s.io"], typeof(V1Role)),
        ["ClusterRole"] = (["rbac.authorization.k8s.io"], typeof(V1ClusterRole)),
        ["RoleBinding"] = (["rbac.authorization.k8s.io"], typeof(V1RoleBinding)),
        ["ClusterRoleBinding"] = (["rbac.authorization.k8s.io"], typeof(V1ClusterRoleBinding)),
        ["Policy"] = ([AuditGroup], typeof(AuditPolicyObject)),
        ["Namespace"] = ([""], typeof(V1Namespace)),
        ["Pod"] = ([""], typeof(V1Pod)),
        ["Service"] = ([""], typeof(V1Service)),
        ["ReplicationController"] = ([""], typeof(V1ReplicationController)),
        ["Deployment"] = (["apps", "extensions"], typeof(V1Deployment)),
        ["ReplicaSet"] = (["apps", "extensions"], typeof(V1ReplicaSet)),
        ["StatefulSet"] = (["apps"], typeof(V1StatefulSet)),
        ["DaemonSet"] = (["apps", "extensions"], typeof(V1DaemonSet)),
        ["Job"] = (["batch"], typeof(V1Job)),
        ["CronJob"] = (["batch"], typeof(V1CronJob)),
        ["NetworkPolicy"] = (["networking.k8s.io", "extensions"], typeof(V1NetworkPolicy)),
        ["AdminNetworkPolicy"] = (["policy.networking.k8s.io"], typeof(ClusterPolicyObject)),
        ["BaselineAdminNetworkPolicy"] = (["policy.networking.k8s.io"], typeof(ClusterPolicyObject)),
        ["ClusterNetworkPolicy"] = (["policy.networking.k8s.io"], typeof(ClusterPolicyObject)),
        ["Ingress"] = (["networking.k8s.io", "extensions"], typeof(V1Ingress)),
        ["Route"] = (["route.openshift.io"], typeof(RouteObject)),
        ["PeerAuthentication"] = (["security.istio.io"], typeof(PeerAuthenticationObject)),
        ["AuthorizationPolicy"] = (["security.istio.io"], typeof(AuthorizationPolicyObject)),
        ["DestinationRule"] = (["networking.istio.io"], typeof(DestinationRuleObject)),
    };

    /// <summary>Every model type the registry can produce.</summary>
    public static IEnumerable<Type> ModelTypes => Kinds.Values.Select(k => k.Model);

    /// <summary>
    /// The model type for the kind, or null with the reason it is not read. A missing apiVersion is
    /// accepted, as some hand-written manifests and dumps omit it, except for <c>Policy</c>: many projects
    /// have a kind of that name, and only audit.k8s.io's is read.
    /// </summary>
    public static Type? Resolve(string? apiVersion, string kind, out string? reason)
    {
        reason = null;
        if (!Kinds.TryGetValue(kind, out var entry))
        {
            reason = "kind not analysed";
            return null;
        }
        if (string.IsNullOrEmpty(apiVersion))
        {
            if (Array.IndexOf(entry.Groups, AuditGroup) < 0)
                return entry.Model;
            reason = $"{kind} without apiVersion; only {AuditGroup}/v1 {kind} is read";
            return null;
        }
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        if (Array.IndexOf(entry.Groups, group) >= 0)
            return entry.Model;
        reason = Array.IndexOf(entry.Groups, AuditGroup) < 0
            ? $"apiVersion {apiVersion} is not the Kubernetes {kind}"
            : $"apiVersion {apiVersion} is not the {AuditGroup} {kind}";
        return null;
    }
}
