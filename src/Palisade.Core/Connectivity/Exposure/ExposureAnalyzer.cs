using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Exposure;

/// <summary>
/// Finds what each workload is exposed to: for every selector of every rule that can affect it, a
/// representative pod that the selector matches is added to the cluster, and the workload's own side
/// is evaluated against it by the same engine. A side governed by no policy is open to everything.
/// </summary>
public static class ExposureAnalyzer
{
    /// <summary>Analyses exposure next to the given connectivity report.</summary>
    public static ExposureReport Analyze(PolicyEngine engine, ConnectivityReport report)
    {
        var cluster = engine.Cluster;
        var representatives = Representatives(cluster).Prepend(Representative.EntireCluster).DistinctBy(r => r.Name).ToArray();
        var extraNamespaces = new List<NamespaceInfo>();
        var extraPods = new List<Pod>();
        for (var i = 0; i < representatives.Length; i++)
        {
            var r = representatives[i];
            var ns = r.ExistingNamespace ?? $"palisade-representative-{i}";
            if (r.ExistingNamespace is null)
                extraNamespaces.Add(new NamespaceInfo(ns, r.NamespaceLabels));
            extraPods.Add(new Pod(ns, $"representative-{i}", r.PodLabels, new WorkloadRef(ns, r.Name, "Representative")));
        }
        var augmented = new PolicyEngine(new NetworkSnapshot(cluster.Namespaces.Values.Concat(extraNamespaces), cluster.Pods.Concat(extraPods),
            cluster.NetworkPolicies, cluster.Services, cluster.AdminPolicies), engine.Options);
        var endpointOf = representatives.Select((r, i) => (r.Name, augmented.Pods[cluster.Pods.Count + i])).ToDictionary(x => x.Name, x => x.Item2);
        var items = new List<ExposureItem>();
        var unprotected = new List<(Peer, PolicyDirection)>();
        var outgoing = report.Connections.Where(c => c.Destination is ExternalPeer).ToLookup(c => c.Source);
        var incoming = report.Connections.Where(c => c.Source is ExternalPeer).ToLookup(c => c.Destination);
        foreach (var peer in report.Peers)
        {
            var workload = augmented.Pods[((PodEndpoint)report.Endpoints[peer][0]).Index];
            foreach (var direction in new[] { PolicyDirection.Egress, PolicyDirection.Ingress })
            {
                var entire = Side(augmented, workload, endpointOf[Representative.EntireCluster.Name], direction);
                if (entire.IsOpen)
                {
                    unprotected.Add((peer, direction));
                    items.Add(new ExposureItem(peer, direction, Representative.EntireCluster.Name, ConnectionSet.All));
                }
                else
                {
                    if (!entire.Allowed.IsEmpty)
                        items.Add(new ExposureItem(peer, direction, Representative.EntireCluster.Name, entire.Allowed));
                    foreach (var r in RepresentativesOf(entire, cluster).DistinctBy(r => r.Key))
                    {
                        var allowed = Side(augmented, workload, endpointOf[r.Name], direction).Allowed;
                        if (!allowed.Equals(entire.Allowed))
                            items.Add(new ExposureItem(peer, direction, r.Name, allowed));
                    }
                }
                foreach (var c in direction == PolicyDirection.Egress ? outgoing[peer] : incoming[peer])
                    items.Add(new ExposureItem(peer, direction, (direction == PolicyDirection.Egress ? c.Destination : c.Source).DisplayName, c.Connections));
            }
        }
        return new ExposureReport(report, items, unprotected);
    }

    /// <summary>The representatives of the rules of every policy that governs this side, of any tier.</summary>
    private static IEnumerable<Representative> RepresentativesOf(DirectionVerdict side, NetworkSnapshot cluster)
    {
        foreach (var policy in side.SelectingPolicies)
        {
            foreach (var peer in policy.Rules(side.Direction).SelectMany(r => r.Peers).OfType<SelectorPeer>())
            {
                if (Representative.Of(peer, policy.Namespace) is { } r && r.Name != Representative.EntireCluster.Name &&
                    !NamesExistingPods(cluster, peer.NamespaceSelector, peer.PodSelector, policy.Namespace))
                    yield return r;
            }
        }
        foreach (var policy in side.AdminPolicies.Concat(side.BaselinePolicies))
        {
            foreach (var peer in policy.Rules(side.Direction).SelectMany(r => r.Peers).OfType<AdminPodPeer>())
            {
                if (Representative.Of(peer.Selection) is { } r && r.Name != Representative.EntireCluster.Name &&
                    !NamesExistingPods(cluster, peer.Selection.Namespaces, peer.Selection.Pods, null))
                    yield return r;
            }
        }
    }

    /// <summary>
    /// Whether the selectors name pods present rather than describe possible ones: plain labels on both
    /// parts (no namespace selector means the policy's namespace), neither part "all", and some pod present
    /// matches. "All pods" of a namespace or "all namespaces" always include pods that may come later.
    /// </summary>
    private static bool NamesExistingPods(NetworkSnapshot cluster, LabelSelector? namespaces, LabelSelector? pods, string? policyNamespace)
    {
        if (pods is null || pods.IsEmpty || pods.MatchExpressions.Count > 0)
            return false;
        if (namespaces is not null && (namespaces.IsEmpty || namespaces.MatchExpressions.Count > 0))
            return false;
        foreach (var pod in cluster.Pods)
        {
            var namespaceOk = namespaces is null ? pod.Namespace == policyNamespace : namespaces.Matches(cluster.NamespaceLabels(pod.Namespace));
            if (namespaceOk && pods.Matches(pod.Labels))
                return true;
        }
        return false;
    }

    private static DirectionVerdict Side(PolicyEngine engine, PodEndpoint workload, PodEndpoint representative, PolicyDirection direction) =>
        direction == PolicyDirection.Egress ? engine.Evaluate(workload, representative).Egress : engine.Evaluate(representative, workload).Ingress;

    /// <summary>Every representative any rule peer of any policy could stand for.</summary>
    private static IEnumerable<Representative> Representatives(NetworkSnapshot cluster)
    {
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var peer in policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers).OfType<SelectorPeer>())
            {
                if (Representative.Of(peer, policy.Namespace) is { } r)
                    yield return r;
            }
        }
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var peer in policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers).OfType<AdminPodPeer>())
            {
                if (Representative.Of(peer.Selection) is { } r)
                    yield return r;
            }
        }
    }
}
