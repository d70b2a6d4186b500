namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// The versions Kubernetes has served of its own API groups that hold kinds we read, current and removed (old
/// manifests are still read). An apiVersion outside them is one <c>kubectl apply</c> refuses ("no matches for kind"),
/// so reading it as the kind would analyse an object no cluster can hold. Groups of other projects are not listed:
/// their versions change on their own schedule, and any version of them is read.
/// </summary>
internal static class ServedVersions
{
    private static readonly Dictionary<string, string[]> ByGroup = new(StringComparer.Ordinal)
    {
        [""] = ["v1"],
        ["apps"] = ["v1", "v1beta1", "v1beta2"],
        ["extensions"] = ["v1beta1"],
        ["batch"] = ["v1", "v1beta1", "v2alpha1"],
        ["networking.k8s.io"] = ["v1", "v1beta1"],
        ["discovery.k8s.io"] = ["v1", "v1beta1"],
        ["rbac.authorization.k8s.io"] = ["v1", "v1beta1", "v1alpha1"],
        ["policy.networking.k8s.io"] = ["v1alpha1", "v1alpha2"],
    };

    private static readonly Dictionary<(string Group, string Kind), string[]> ByKind = new()
    {
        [("networking.k8s.io", "NetworkPolicy")] = ["v1"],
        [("policy.networking.k8s.io", "AdminNetworkPolicy")] = ["v1alpha1"],
        [("policy.networking.k8s.io", "BaselineAdminNetworkPolicy")] = ["v1alpha1"],
        [("policy.networking.k8s.io", "ClusterNetworkPolicy")] = ["v1alpha2"],
    };

    /// <summary>The versions of the kind in the group, or null when the group is not one of Kubernetes' listed here.</summary>
    public static string[]? Of(string group, string kind) =>
        ByKind.TryGetValue((group, kind), out var versions) ? versions : ByGroup.GetValueOrDefault(group);

    /// <summary>
    /// Whether only Kubernetes defines kinds in the group: the core group, a group without a dot (custom resources need
    /// one), or one listed here.
    /// </summary>
    public static bool IsKubernetesGroup(string group) => !group.Contains('.') || ByGroup.ContainsKey(group);
}
