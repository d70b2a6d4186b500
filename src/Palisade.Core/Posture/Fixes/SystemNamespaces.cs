namespace Palisade.Posture.Fixes;

/// <summary>
/// Namespaces that run the cluster's own components (kube-system, kube-public, kube-node-lease, and by
/// convention any <c>*-system</c> namespace such as istio-system or calico-system): a default deny there breaks
/// the cluster unless it carries the allowances those components need, so fixes say so loudly.
/// </summary>
public static class SystemNamespaces
{
    /// <summary>Whether the namespace is one of them.</summary>
    public static bool Contains(string ns) =>
        ns is "kube-system" or "kube-public" or "kube-node-lease" || ns.EndsWith("-system", StringComparison.Ordinal);
}
