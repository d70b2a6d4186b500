using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Connectivity.Reachability;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// After every step of a random update sequence the incremental result equals a full recomputation of the
/// updated cluster, and the changes an update returns are exactly the lines that differ.
/// </summary>
public sealed class IncrementalAgreesWithFullTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(UpdateGenerators)])]
    public bool Every_step_equals_a_full_recomputation(UpdateCase c)
    {
        var options = new ConnectivityOptions { IpBlockMatchesPodIps = c.Start.IpBlockMatchesPodIps };
        var incremental = new IncrementalReachability(c.Start.Cluster, options);
        if (!Lines(incremental.Connections()).SequenceEqual(Full(incremental.Snapshot(), options)))
            return false;
        foreach (var step in c.Steps)
        {
            var before = Lines(incremental.Connections());
            var changes = Apply(incremental, step);
            var after = Lines(incremental.Connections());
            if (!after.SequenceEqual(Full(incremental.Snapshot(), options)))
                return false;
            var reported = changes.Select(x => $"{x.Source} => {x.Destination} : {x.Before} -> {x.After}").Order(StringComparer.Ordinal);
            if (!reported.SequenceEqual(Differences(before, after)))
                return false;
        }
        return true;
    }

    private static List<string> Full(NetworkSnapshot cluster, ConnectivityOptions options) =>
        Lines(ConnectivityAnalyzer.Analyze(new PolicyEngine(cluster, options)).Connections);

    private static List<string> Lines(IEnumerable<Connection> connections) =>
        connections.Select(x => $"{x.Source} => {x.Destination} : {x.Connections}").ToList();

    private static IEnumerable<string> Differences(List<string> before, List<string> after)
    {
        static Dictionary<string, string> ByPair(List<string> lines) => lines.ToDictionary(l => l[..l.LastIndexOf(" : ", StringComparison.Ordinal)], l => l[(l.LastIndexOf(" : ", StringComparison.Ordinal) + 3)..]);
        var (old, now) = (ByPair(before), ByPair(after));
        const string none = "No Connections";
        return old.Keys.Union(now.Keys)
            .Where(k => old.GetValueOrDefault(k, none) != now.GetValueOrDefault(k, none))
            .Select(k => $"{k} : {old.GetValueOrDefault(k, none)} -> {now.GetValueOrDefault(k, none)}")
            .Order(StringComparer.Ordinal);
    }

    private static IReadOnlyList<ConnectivityChange> Apply(IncrementalReachability incremental, UpdateStep step)
    {
        var cluster = incremental.Snapshot();
        var pods = cluster.Pods;
        var policies = cluster.NetworkPolicies;
        switch (step.Kind)
        {
            case UpdateKind.ChangePolicy when policies.Count > 0:
                var target = policies[step.Pick % policies.Count];
                return incremental.SetPolicy(new NetworkPolicy(target.Namespace, target.Name, step.Policy.PodSelector)
                {
                    PolicyTypes = step.Policy.PolicyTypes, Ingress = step.Policy.Ingress, Egress = step.Policy.Egress,
                });
            case UpdateKind.RemovePolicy when policies.Count > 0:
                var removed = policies[step.Pick % policies.Count];
                return incremental.RemovePolicy(removed.Namespace, removed.Name);
            case UpdateKind.AddReplica when pods.Count > 0:
                var original = pods[step.Pick % pods.Count];
                return incremental.SetPod(new Pod(original.Namespace, $"{original.Name}-r{step.Pick}", original.Labels, original.Owner)
                {
                    Ports = original.Ports, Addresses = original.Addresses, HostNetwork = original.HostNetwork,
                });
            case UpdateKind.ChangePod when pods.Count > 0:
                var changed = pods[step.Pick % pods.Count];
                return incremental.SetPod(new Pod(changed.Namespace, changed.Name, step.Pod.Labels, changed.Owner)
                {
                    Ports = step.Pod.Ports, Addresses = step.Pod.Addresses, HostNetwork = step.Pod.HostNetwork, FromTemplate = changed.FromTemplate,
                });
            case UpdateKind.RemovePod when pods.Count > 0:
                var gone = pods[step.Pick % pods.Count];
                return incremental.RemovePod(gone.Namespace, gone.Name);
            case UpdateKind.SetNamespace:
                return incremental.SetNamespace(new NamespaceInfo(step.Namespace, step.Labels));
            case UpdateKind.RemoveNamespace:
                return incremental.RemoveNamespace(step.Namespace);
            case UpdateKind.AddPod or UpdateKind.AddReplica or UpdateKind.ChangePod or UpdateKind.RemovePod:
                return incremental.SetPod(step.Pod);
            default:
                return incremental.SetPolicy(step.Policy);
        }
    }
}
