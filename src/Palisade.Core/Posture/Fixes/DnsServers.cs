using Palisade.Connectivity;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Posture.Fixes;

/// <summary>
/// The cluster's DNS pods as the input shows them: pods labelled <c>k8s-app</c> kube-dns or coredns, or
/// <c>app.kubernetes.io/name</c> coredns or kube-dns, in any namespace. Egress fixes allow DNS to exactly these,
/// by the label that identifies them and their namespace's name.
/// </summary>
public static class DnsServers
{
    private static readonly (string Key, string Value)[] Identifying =
        [("k8s-app", "kube-dns"), ("k8s-app", "coredns"), ("app.kubernetes.io/name", "coredns"), ("app.kubernetes.io/name", "kube-dns")];

    /// <summary>The label a pod is recognised by as a DNS server, if it is one.</summary>
    public static (string Key, string Value)? LabelOf(Pod pod) =>
        Identifying.Where(l => pod.Labels.TryGetValue(l.Key, out var v) && v == l.Value).Select(l => ((string, string)?)l).FirstOrDefault();

    /// <summary>Each namespace holding DNS pods, with the label that identifies them (first found).</summary>
    public static IReadOnlyList<(string Namespace, string Key, string Value)> Of(NetworkSnapshot cluster) =>
        cluster.Pods.Where(p => !p.HostNetwork && LabelOf(p) is not null)
            .Select(p => (p.Namespace, LabelOf(p)!.Value.Key, LabelOf(p)!.Value.Value))
            .Distinct().OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal).ToArray();

    /// <summary>Whether the pod is one of the DNS pods.</summary>
    public static bool IsDns(PodEndpoint pod) => !pod.Pod.HostNetwork && LabelOf(pod.Pod) is not null;

    /// <summary>The selector of a DNS label.</summary>
    public static LabelSelector Selector(string key, string value) => new([new(key, value)], []);
}
