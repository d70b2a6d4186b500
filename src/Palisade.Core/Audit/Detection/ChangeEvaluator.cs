using System.Net.Sockets;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Connectivity.Reachability;
using LineChange = Palisade.Connectivity.Reachability.ConnectivityChange;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Audit.Detection;

/// <summary>
/// What a change did to connectivity, as <c>palisade diff</c> would say between the states before and after:
/// opened lines carry what was added (all of a new pair, the gained ports of a changed one), closed lines what
/// was removed. An incremental model follows the replay through NetworkPolicy, Namespace and Pod writes, so a
/// policy change costs the classes it touches; anything it cannot follow (workload templates, Ingresses,
/// cluster-scoped tiers, a body it cannot map) drops it, and the next question is answered by comparing whole
/// reports, then the model is built again from there. Both states are analysed over the same address space, as diff
/// does: the model always lists the IPv6 space, and its IPv6 lines are dropped when neither state names IPv6 addresses.
/// Not thread-safe.
/// </summary>
public sealed class ChangeEvaluator(INetworkModel model, ConnectivityOptions? options = null) : IChangeEvaluator
{
    private readonly ConnectivityOptions _options = options ?? ConnectivityOptions.Default;
    private IncrementalReachability? _live;
    private ObjectStore? _at;
    private ReplayedRequest? _last;
    private IReadOnlyList<LineChange> _lastChanges = [];

    /// <inheritdoc />
    public void Observe(ReplayedRequest request)
    {
        if (_live is null || !ReferenceEquals(_at, request.Before))
        {
            _live = null;
            return;
        }
        if (Apply(request) is { } changes)
            (_last, _lastChanges) = (request, changes);
        else
            _live = null;
    }

    /// <inheritdoc />
    public ConnectivityChange Compare(ReplayedRequest request)
    {
        if (ReferenceEquals(_last, request))
            return Lines(_lastChanges);
        var beforeCluster = model.Build(request.Before);
        var before = beforeCluster.Network;
        if (before.IngressRoutes.Count == 0 && before.AdminPolicies.Count == 0)
        {
            (_live, _at) = (new IncrementalReachability(before, _options.Ipv6 ? _options with { Ipv6Space = true } : _options), request.Before);
            if (Apply(request) is { } changes)
            {
                (_last, _lastChanges) = (request, changes);
                return Lines(changes);
            }
            _live = null;
        }
        var afterCluster = model.Build(request.After);
        var keys = TemplateLabelKeys(request, beforeCluster, afterCluster);
        var (rolledBefore, rolledAfter) = (RolledOut(beforeCluster, keys), RolledOut(afterCluster, keys));
        var comparing = _options.Comparing(rolledBefore, rolledAfter);
        return Lines(ConnectivityDiffer.Compare(Report(rolledBefore, comparing), Report(rolledAfter, comparing)));
    }

    /// <summary>
    /// For each workload the request wrote that has real pods and a pod template on both sides, the label keys of its
    /// templates before and after: the labels a rollout sets on its pods.
    /// </summary>
    private static Dictionary<WorkloadRef, HashSet<string>> TemplateLabelKeys(ReplayedRequest request, Cluster before, Cluster after)
    {
        var keys = new Dictionary<WorkloadRef, HashSet<string>>();
        foreach (var write in request.Writes)
        {
            if (write.Key.Namespace is not { } ns)
                continue;
            var owner = new WorkloadRef(ns, write.Key.Name, write.Key.Kind);
            if (TemplateOf(before, owner) is { } was && TemplateOf(after, owner) is { } now)
                keys[owner] = [.. was.Labels.Items.Keys, .. now.Labels.Items.Keys];
        }
        return keys;
    }

    private static Pod? TemplateOf(Cluster cluster, WorkloadRef owner)
    {
        foreach (var template in cluster.Templates)
        {
            if (template.Owner == owner)
                return template;
        }
        return null;
    }

    /// <summary>
    /// The cluster with the real pods of the written workloads carrying their template's labels, as the rollout the
    /// template change starts leaves them: a workload whose template was relabelled is judged by what its pods will be
    /// (the labels its controller sets beside the template's, such as pod-template-hash, are kept).
    /// </summary>
    private static NetworkSnapshot RolledOut(Cluster cluster, Dictionary<WorkloadRef, HashSet<string>> keys)
    {
        if (keys.Count == 0)
            return cluster.Network;
        var pods = new List<Pod>(cluster.Network.Pods.Count);
        foreach (var pod in cluster.Network.Pods)
        {
            if (pod.FromTemplate || !keys.TryGetValue(pod.Owner, out var templateKeys) || TemplateOf(cluster, pod.Owner) is not { } template)
            {
                pods.Add(pod);
                continue;
            }
            var labels = new Dictionary<string, string>(template.Labels.Items, StringComparer.Ordinal);
            foreach (var (key, value) in pod.Labels.Items)
            {
                if (!templateKeys.Contains(key))
                    labels[key] = value;
            }
            pods.Add(pod with { Labels = LabelSet.From(labels) });
        }
        return cluster.Network.With(pods: pods);
    }

    private static ConnectivityReport Report(NetworkSnapshot snapshot, ConnectivityOptions options) => ConnectivityAnalyzer.Analyze(new PolicyEngine(snapshot, options));

    /// <summary>The request applied to the live model; null when it wrote what the model cannot follow.</summary>
    private List<LineChange>? Apply(ReplayedRequest request)
    {
        var live = _live!;
        var namesIpv6 = live.NamesIpv6;
        var changes = new List<LineChange>();
        foreach (var write in request.Writes)
        {
            if (Apply(live, write, request.After) is not { } lines)
                return null;
            changes.AddRange(lines);
        }
        _at = request.After;
        if (!namesIpv6 && !live.NamesIpv6)
            changes.RemoveAll(IsIpv6Space);
        return changes;
    }

    private static bool IsIpv6Space(LineChange change) =>
        change.Source is ExternalPeer { Range.Family: AddressFamily.InterNetworkV6 } || change.Destination is ExternalPeer { Range.Family: AddressFamily.InterNetworkV6 };

    private IReadOnlyList<LineChange>? Apply(IncrementalReachability live, ObjectWrite write, ObjectStore after)
    {
        var key = write.Key;
        if (!write.AfterKnown)
            return null;
        switch (key.Kind)
        {
            case "NetworkPolicy" when write.After is null:
                return live.RemovePolicy(key.Namespace!, key.Name);
            case "NetworkPolicy" when model.Map(write.After)?.Content is NetworkPolicy policy:
                return live.SetPolicy(policy);
            case "Namespace" when write.After is null:
                return live.RemoveNamespace(key.Name);
            case "Namespace" when model.Map(write.After)?.Content is NamespaceInfo ns:
                return live.SetNamespace(ns);
            case "Pod" when write.After is null:
                return live.RemovePod(key.Namespace!, key.Name);
            case "Pod" when model.Pod(write.After, after) is { } pod:
                return live.SetPod(pod);
            case "Service" or "Endpoints" or "Node" or "PeerAuthentication" or "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding":
                return [];
            default:
                return null;
        }
    }

    /// <summary>
    /// The lines the live model changed, put as the diff would put them: lines between pods as they are, and for
    /// each pod peer and direction the external ranges it changed refined together (a partition that only moved
    /// its cuts changed nothing).
    /// </summary>
    private static ConnectivityChange Lines(IEnumerable<LineChange> changes)
    {
        var pairs = new List<(Peer, Peer, ConnectionSet, ConnectionSet)>();
        var external = new Dictionary<(Peer Peer, bool Outgoing), (List<(IpRange, ConnectionSet)> Old, List<(IpRange, ConnectionSet)> New)>();
        foreach (var change in changes)
        {
            var (peer, range, outgoing) = (change.Source, change.Destination) switch
            {
                (_, ExternalPeer e) => (change.Source, e.Range, true),
                (ExternalPeer e, _) => (change.Destination, e.Range, false),
                _ => (null, default(IpRange), false),
            };
            if (peer is null)
            {
                pairs.Add((change.Source, change.Destination, change.Before, change.After));
                continue;
            }
            if (!external.TryGetValue((peer, outgoing), out var lists))
                external[(peer, outgoing)] = lists = ([], []);
            if (!change.Before.IsEmpty)
                lists.Old.Add((range, change.Before));
            if (!change.After.IsEmpty)
                lists.New.Add((range, change.After));
        }
        foreach (var ((peer, outgoing), lists) in external)
        {
            foreach (var (range, before, after) in ConnectivityDiffer.Refine(lists.Old, lists.New))
                pairs.Add(outgoing ? (peer, new ExternalPeer(range), before, after) : (new ExternalPeer(range), peer, before, after));
        }
        return Lines(pairs);
    }

    private static ConnectivityChange Lines(ConnectivityDiff diff) =>
        Lines(diff.Changes.Select(e => (e.Source, e.Destination, e.Before, e.After)));

    /// <summary>Each pair's gained connections as an opened line, its lost ones as a closed line, sorted as connectivity sorts.</summary>
    private static ConnectivityChange Lines(IEnumerable<(Peer Source, Peer Destination, ConnectionSet Before, ConnectionSet After)> pairs)
    {
        var net = new Dictionary<(Peer, Peer), (ConnectionSet Before, ConnectionSet After)>();
        foreach (var (source, destination, before, after) in pairs)
            net[(source, destination)] = net.TryGetValue((source, destination), out var known) ? (known.Before, after) : (before, after);
        var opened = new List<string>();
        var closed = new List<string>();
        foreach (var ((source, destination), (before, after)) in net.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2))
        {
            var gained = after.Except(before);
            var lost = before.Except(after);
            if (!gained.IsEmpty)
                opened.Add($"{source} => {destination} : {gained}");
            if (!lost.IsEmpty)
                closed.Add($"{source} => {destination} : {lost}");
        }
        return new ConnectivityChange(opened, closed);
    }
}
