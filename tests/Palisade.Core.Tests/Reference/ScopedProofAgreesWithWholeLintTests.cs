using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Core.Tests.Support;
using Palisade.Labels;
using Palisade.Findings;
using Palisade.Model;
using Palisade.Posture;
using Palisade.Policy;
using Palisade.Posture.Fixes;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// A fix's proof skips what its change cannot move (<see cref="PostureContext.Unchanged"/>): on random clusters and
/// random changes of one or two namespaces' NetworkPolicies (the DNS pods' and the ingress controller's among them),
/// the findings the proof sees added or made worse, and the workloads it sees lose outside traffic, are those a whole
/// lint of the changed cluster shows against the cluster before.
/// </summary>
public sealed class ScopedProofAgreesWithWholeLintTests
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(ClusterGenerators)])]
    public void A_proof_sees_what_a_whole_lint_adds(GeneratedCase c, GeneratedCase other, int seed) => Agree(c, other, seed);

    [Property(MaxTest = 100, Arbitrary = [typeof(LargerClusterGenerators)])]
    public void A_proof_sees_what_a_whole_lint_adds_on_larger_clusters(GeneratedCase c, GeneratedCase other, int seed) => Agree(c, other, seed);

    private static void Agree(GeneratedCase c, GeneratedCase other, int seed)
    {
        var (cluster, changed, connectivity) = ChangedClusters.Draw(c, other, seed);
        var options = new LintOptions { Connectivity = connectivity };
        var before = new PostureContext(cluster, options.Connectivity);
        var index = FixVerifier.Index(LintUseCase.Findings(before, options).Findings);
        var exposure = before.Workloads().ToDictionary(w => w.Pod.Owner, w => before.Exposure(w.Pod).All);

        var whole = new PostureContext(changed, options.Connectivity) { OnlyCompared = true };
        var scoped = new PostureContext(changed, options.Connectivity) { OnlyCompared = true, ChangedFrom = before };

        Assert.Equal(Added(LintUseCase.Findings(whole, options).Findings, index), Added(LintUseCase.Findings(scoped, options, unordered: true).Findings, index));
        Assert.Equal(Cut(whole, exposure, skip: false), Cut(scoped, exposure, skip: true));
    }

    [Fact]
    public void Isolating_the_dns_pods_is_seen_by_workloads_of_other_namespaces()
    {
        var everyPod = new SelectorPeer(LabelSelector.Everything, LabelSelector.Everything);
        var cluster = Cluster(
            [Build.Pod("app/client", "app=client", ips: "10.0.0.1"), Build.Pod("dns/coredns", "k8s-app=kube-dns", "dns:53/UDP,dns-tcp:53/TCP", "10.0.0.53")],
            [Build.NetPol("app/dns-only", "", [PolicyDirection.Egress], egress: [Build.To([everyPod], "UDP 53", "TCP 53")])]);
        var added = Compared(cluster, [.. cluster.Network.NetworkPolicies, Build.NetPol("dns/deny", "", [PolicyDirection.Ingress])]);
        Assert.Contains("PAL206 Deployment app/client  Medium", added);
    }

    [Fact]
    public void Opening_egress_towards_a_listener_of_another_namespace_is_seen()
    {
        var everyPod = new SelectorPeer(LabelSelector.Everything, LabelSelector.Everything);
        var cluster = Cluster(
            [Build.Pod("app/client", "app=client", ips: "10.0.0.1"), Build.Pod("db/pg", "app=pg", "pg:5432/TCP", "10.0.0.2")],
            [Build.NetPol("app/deny", "", [PolicyDirection.Egress]), Build.NetPol("db/pods", "", [PolicyDirection.Ingress], ingress: [Build.From([everyPod], "TCP 5432")])]);
        var added = Compared(cluster, [.. cluster.Network.NetworkPolicies, Build.NetPol("app/open", "", [PolicyDirection.Egress], egress: [Build.To([], [])])]);
        Assert.Contains("PAL401 Deployment db/pg  Medium", added);
    }

    [Fact]
    public void An_ip_block_bringing_new_address_space_is_seen_by_every_namespace_s_egress()
    {
        // The admin tier denies IPv4 outside the cluster; an IPv6 ipBlock in another namespace brings IPv6 space into the
        // external ranges, which the client's egress reaches on every port, the components' included.
        var guard = Build.Anp("guard", 0, Build.Subject(""), egress: [Build.Admin(AdminAction.Deny, [Build.Networks("0.0.0.0/0")])]);
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("app", LabelSet.Empty), new NamespaceInfo("other", LabelSet.Empty)],
            [Build.Pod("app/client", "app=client", ips: "10.0.0.1"), Build.Pod("other/web", "app=web", ips: "10.0.0.2")], [], [], [guard]));
        var toV6 = Build.NetPol("other/v6", "", [PolicyDirection.Egress], egress: [Build.To([Build.Cidr("2001:db8::/32")])]);
        var added = Compared(cluster, [toV6]);
        Assert.Contains("PAL402 Deployment app/client  Medium", added);
    }

    private static Cluster Cluster(Pod[] pods, NetworkPolicy[] policies) =>
        new(new NetworkSnapshot(pods.Select(p => p.Namespace).Distinct().Select(n => new NamespaceInfo(n, LabelSet.Empty)), pods, policies));

    /// <summary>What a proof of the change sees added, after checking it is what a whole lint of the changed cluster shows.</summary>
    private static string[] Compared(Cluster cluster, NetworkPolicy[] policies, ConnectivityOptions? connectivity = null)
    {
        var options = new LintOptions { Connectivity = connectivity ?? ConnectivityOptions.Default };
        var changed = new Cluster(cluster.Network.With(policies: policies));
        var before = new PostureContext(cluster, options.Connectivity);
        var index = FixVerifier.Index(LintUseCase.Findings(before, options).Findings);
        var scoped = Added(LintUseCase.Findings(new PostureContext(changed, options.Connectivity) { OnlyCompared = true, ChangedFrom = before }, options, unordered: true).Findings, index);
        Assert.Equal(Added(LintUseCase.Findings(new PostureContext(changed, options.Connectivity) { OnlyCompared = true }, options).Findings, index), scoped);
        return scoped;
    }

    /// <summary>The findings new to the index or worse than it, as sorted text.</summary>
    private static string[] Added(IEnumerable<Finding> findings, IReadOnlyDictionary<(string, string, string?), Severity> index) =>
        [.. findings
            .Where(f => !index.TryGetValue((f.Rule.Id, f.Subject, f.Field), out var was) || f.Severity > was)
            .Select(f => $"{f.Rule.Id} {f.Subject} {f.Field} {f.Severity}")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>The workloads that lose outside traffic they had, as a proof asks (skipping what it knows unchanged) or all of them.</summary>
    private static string[] Cut(PostureContext after, Dictionary<WorkloadRef, Net.ConnectionSet> had, bool skip) =>
        [.. after.Workloads()
            .Where(w => !(skip && after.ExposureUnchanged(w.Pod)))
            .Where(w => had.TryGetValue(w.Pod.Owner, out var was) && !was.Except(after.Exposure(w.Pod).All).IsEmpty)
            .Select(w => w.Pod.Owner.ToString())];
}
