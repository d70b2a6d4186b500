using System.Runtime.CompilerServices;
using Palisade.Connectivity;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Posture.Fixes;

/// <summary>
/// The cluster's DNS pods as the input shows them: pods labelled <c>k8s-app</c> kube-dns or coredns,
/// <c>app.kubernetes.io/name</c> coredns or kube-dns, or <c>app</c> coredns, in any namespace. Egress fixes allow DNS to exactly these,
/// by the label that identifies them and their namespace's name.
/// </summary>
public static class DnsServers
{
    private static readonly (string Key, string Value)[] Identifying =
        [("k8s-app", "kube-dns"), ("k8s-app", "coredns"), ("app.kubernetes.io/name", "coredns"), ("app.kubernetes.io/name", "kube-dns"), ("app", "coredns")];

    // Every lockdown fix asks (one per workload not isolated), and the answer is a scan of every pod: worked out once
    // per snapshot, which is immutable.
    private static readonly ConditionalWeakTable<NetworkSnapshot, IReadOnlyList<(string Namespace, string Key, string Value)>> Found = new();

    /// <summary>The label a pod is recognised by as a DNS server, if it is one.</summary>
    public static (string Key, string Value)? LabelOf(Pod pod)
    {
        foreach (var (key, value) in Identifying)
        {
            if (pod.Labels.TryGetValue(key, out var actual) && actual == value)
                return (key, value);
        }
        return null;
    }

    /// <summary>Each namespace holding DNS pods, with the label that identifies them (first found). Thread-safe.</summary>
    public static IReadOnlyList<(string Namespace, string Key, string Value)> Of(NetworkSnapshot cluster) =>
        Found.GetValue(cluster, Find);

    private static IReadOnlyList<(string Namespace, string Key, string Value)> Find(NetworkSnapshot cluster)
    {
        var found = new HashSet<(string Namespace, string Key, string Value)>();
        foreach (var pod in cluster.Pods)
        {
            if (!pod.HostNetwork && LabelOf(pod) is { } label)
                found.Add((pod.Namespace, label.Key, label.Value));
        }
        return found.OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal).ThenBy(d => d.Value, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether the pod is one of the DNS pods.</summary>
    public static bool IsDns(PodEndpoint pod) => !pod.Pod.HostNetwork && LabelOf(pod.Pod) is not null;

    /// <summary>
    /// The indices of the DNS pods among <paramref name="pods"/> (not on the host network). Thread-safe; found once per
    /// list, which every fix's proof of a policy change shares with the cluster it changes.
    /// </summary>
    public static int[] Among(IReadOnlyList<Pod> pods) => Indices.GetValue(pods, FindAmong);

    private static readonly ConditionalWeakTable<IReadOnlyList<Pod>, int[]> Indices = new();

    private static int[] FindAmong(IReadOnlyList<Pod> pods)
    {
        var found = new List<int>();
        for (var i = 0; i < pods.Count; i++)
        {
            if (!pods[i].HostNetwork && LabelOf(pods[i]) is not null)
                found.Add(i);
        }
        return [.. found];
    }

    /// <summary>The selector of a DNS label.</summary>
    public static LabelSelector Selector(string key, string value) => new([new(key, value)], []);
}
