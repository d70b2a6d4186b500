using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Policy;
using Palisade.Posture;
using Palisade.Posture.DefaultPorts;
using Palisade.Posture.Fixes;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// What lint reads of the connectivity (edge lines and their count, a proof's changed edges, a proof's findings) on
/// larger clusters than <see cref="ClusterGenerators"/> draws (more than 64 pods, workloads of several pods that need not
/// be templates, so pod granularity has pod peers), and change sequences against applying each change in turn.
/// </summary>
public sealed class LargerClusterTests
{
    /// <summary>Clusters of 40 to 140 pods, owners shared by several pods, some pods not from templates.</summary>
    public static class BigClusters
    {
        private static Gen<Pod> Member(int index) =>
            from pod in ClusterGenerators.PodIn(index)
            from owner in Gen.Choose(0, 4)
            from template in Gen.Elements(true, false)
            select pod with
            {
                Owner = owner == 0 ? pod.Owner : new WorkloadRef(pod.Namespace, $"w{owner}", owner % 2 == 0 ? "StatefulSet" : "Deployment"),
                FromTemplate = template,
            };

        private static Gen<GeneratedCase> Case =>
            from c in ClusterGenerators.Case
            from count in Gen.Choose(40, 140)
            from pods in Gen.CollectToArray(Enumerable.Range(0, count).Select(Member))
            from extra in Gen.Choose(0, 6)
            from policies in Gen.CollectToArray(Enumerable.Range(0, extra).Select(_ => ClusterGenerators.Policy))
            select new GeneratedCase(
                new NetworkSnapshot(c.Cluster.Namespaces.Values, pods, c.Cluster.NetworkPolicies.Concat(policies).DistinctBy(p => p.ToString()),
                    adminPolicies: c.Cluster.AdminPolicies),
                c.IpBlockMatchesPodIps);

        /// <summary>The arbitrary.</summary>
        public static Arbitrary<GeneratedCase> Cases() => Arb.From(Case);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(BigClusters)])]
    public bool Edge_lines_and_their_count_agree_with_the_stream_on_big_clusters_at_both_granularities(GeneratedCase c, int seed)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        foreach (var granularity in new[] { Granularity.Workload, Granularity.Pod })
        {
            var stream = ConnectivityAnalyzer.Stream(engine, granularity);
            var random = new Random(seed);
            var into = stream.Peers.Where(_ => random.Next(3) == 0).ToHashSet();
            var all = stream.Connections.Select(Text).ToArray();
            var expected = stream.Connections
                .Where(l => l.Source is ExternalPeer || l.Source.Equals(Peer.IngressController) || into.Contains(l.Destination))
                .Select(Text).ToArray();
            var counted = -1;
            var actual = ConnectivityAnalyzer.Stream(engine, granularity).EdgeLines(into, n => counted = n).Select(Text).ToArray();
            var countedNone = -1;
            _ = ConnectivityAnalyzer.Stream(engine, granularity).EdgeLines(new HashSet<Peer>(), n => countedNone = n).Count();
            if (!expected.SequenceEqual(actual) || counted != all.Length || countedNone != all.Length)
                return false;
        }
        return true;
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(BigClusters)])]
    public void Changed_edges_equal_those_of_a_whole_analysis_on_big_clusters(GeneratedCase c, GeneratedCase other, int seed)
    {
        var (cluster, changed, options) = ChangedClusters.Draw(c, other, seed);
        var before = new PostureContext(cluster, options);
        _ = before.Reach;
        Assert.Equal(Describe(new PostureContext(changed, options) { OnlyCompared = true }),
            Describe(new PostureContext(changed, options) { OnlyCompared = true, ChangedFrom = before }));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(BigClusters)])]
    public void A_proof_sees_what_a_whole_lint_adds_on_big_clusters(GeneratedCase c, GeneratedCase other, int seed)
    {
        var (cluster, changed, connectivity) = ChangedClusters.Draw(c, other, seed);
        var options = new LintOptions { Connectivity = connectivity };
        var before = new PostureContext(cluster, options.Connectivity);
        var index = FixVerifier.Index(LintUseCase.Findings(before, options).Findings);
        var whole = new PostureContext(changed, options.Connectivity) { OnlyCompared = true };
        var scoped = new PostureContext(changed, options.Connectivity) { OnlyCompared = true, ChangedFrom = before };
        Assert.Equal(Added(LintUseCase.Findings(whole, options).Findings, index), Added(LintUseCase.Findings(scoped, options, unordered: true).Findings, index));
    }

    [Property(MaxTest = 2000)]
    public void Runs_of_policy_changes_without_a_name_twice_in_one_change_give_what_applying_in_turn_gives(int seed)
    {
        // Names repeat across changes (never within one), other kinds of change come between runs, namespaces may be new.
        var random = new Random(seed);
        static NetworkPolicy Policy(string ns, string name, string app) => new(ns, name, new LabelSelector([new("app", app)], []));
        string[] namespaces = ["a", "b", "c"];
        string[] names = ["p", "q", "r", "s"];
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty), new NamespaceInfo("b", LabelSet.Empty)], [],
            [Policy("a", "p", "0"), Policy("b", "q", "0"), Policy("a", "r", "0"), Policy("b", "p", "0")]));
        var changes = new List<ClusterEdit>();
        for (var i = 0; i < random.Next(1, 7); i++)
        {
            if (random.Next(4) == 0)
            {
                changes.Add(new LabelNamespace(namespaces[random.Next(2)], "k", $"v{i}"));
                continue;
            }
            var batch = Enumerable.Range(0, random.Next(1, 4))
                .Select(j => Policy(namespaces[random.Next(namespaces.Length)], names[random.Next(names.Length)], $"{i}.{j}"))
                .DistinctBy(p => (p.Namespace, p.Name)).ToArray();
            changes.Add(new ApplyPolicies(batch));
        }
        var inTurn = changes.Aggregate(cluster, (c, change) => change.Apply(c));
        var together = new ChangeSequence(changes).Apply(cluster);
        Assert.Equal(Describe(inTurn.Network), Describe(together.Network));
        Assert.Equal(string.Join(";", inTurn.Network.Namespaces.Values.Select(n => $"{n.Name} {n.Labels}")),
            string.Join(";", together.Network.Namespaces.Values.Select(n => $"{n.Name} {n.Labels}")));
    }

    [Fact]
    public void A_workload_ref_changed_with_with_names_itself_anew_and_equals_by_value()
    {
        var original = new WorkloadRef("a", "b", "Deployment");
        Assert.Equal("a/b[Deployment]", original.ToString());
        var renamed = original with { Name = "c" };
        Assert.Equal("a/c[Deployment]", renamed.ToString());
        Assert.Equal("x/c[Deployment]", (renamed with { Namespace = "x" }).ToString());
        Assert.Equal("a/b[StatefulSet]", (original with { Kind = "StatefulSet" }).ToString());
        var fresh = new WorkloadRef("a", "b", "Deployment");
        Assert.True(fresh.Equals(original) && fresh == original && fresh.GetHashCode() == original.GetHashCode());
        Assert.NotEqual(original, renamed);
        Assert.Equal(original, original with { });
    }

    [Fact]
    public void A_sequence_of_one_change_naming_a_policy_twice_gives_what_applying_the_change_gives()
    {
        static NetworkPolicy Policy(string ns, string name, string app) => new(ns, name, new LabelSelector([new("app", app)], []));
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty)], [], [Policy("a", "p", "x"), Policy("a", "q", "x")]));
        var change = new ApplyPolicies([Policy("a", "p", "y"), Policy("a", "p", "z")]);

        var alone = change.Apply(cluster);
        var inSequence = new ChangeSequence([change]).Apply(cluster);

        Assert.Equal(Describe(alone.Network), Describe(inSequence.Network));
    }

    [Fact]
    public void A_group_proof_of_a_change_naming_two_allowances_alike_gives_the_verdict_of_applying_the_changes_in_turn()
    {
        // A Deployment and a StatefulSet, both published by NodePort Services, and an ingress lockdown of app that allows
        // each its outside port in a policy named allow-web, twice in one change: a coalesced run that kept the last one
        // only would see the Deployment cut from outside traffic, where applying the changes in turn keeps both.
        static Pod Web(string name, string kind, string app, string ip) => new("app", name, LabelSet.From([new("app", app)]), new WorkloadRef("app", "web", kind))
        {
            Ports = [new Net.ContainerPort("http", 80, Net.Protocol.Tcp)],
            Addresses = [System.Net.IPAddress.Parse(ip)],
            FromTemplate = true,
        };
        static ServiceInfo Published(string name, string app, int nodePort) => new("app", name, "NodePort", LabelSet.From([new("app", app)]))
        {
            Ports = [new ServicePort("http", 80, Net.Protocol.Tcp, 80, null, nodePort)],
        };
        static NetworkPolicy OpenEgress(string ns) => new(ns, "open-egress", LabelSelector.Everything)
        {
            PolicyTypes = [PolicyDirection.Egress],
            Egress = [new PolicyRule(PolicyDirection.Egress, 0, [], [])],
        };
        static NetworkPolicy Allow(string app) => new("app", "allow-web", new LabelSelector([new("app", app)], []))
        {
            PolicyTypes = [PolicyDirection.Ingress],
            Ingress = [new PolicyRule(PolicyDirection.Ingress, 0, [], [Support.Build.Port("TCP 80")])],
        };
        var other = new Pod("other", "client", LabelSet.From([new("app", "client")]), new WorkloadRef("other", "client", "Deployment"))
        {
            Addresses = [System.Net.IPAddress.Parse("10.0.0.9")],
            FromTemplate = true,
        };
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("app", LabelSet.Empty), new NamespaceInfo("other", LabelSet.Empty)],
            [Web("web-d", "Deployment", "web-d", "10.0.0.1"), Web("web-s-0", "StatefulSet", "web-s", "10.0.0.2"), other], [OpenEgress("app"), OpenEgress("other")],
            [Published("web-d", "web-d", 30080), Published("web-s", "web-s", 30081)]));
        var options = new LintOptions();
        var context = new PostureContext(cluster, options.Connectivity);
        var result = LintUseCase.Findings(context, options);
        var deny = new NetworkPolicy("app", "deny", LabelSelector.Everything) { PolicyTypes = [PolicyDirection.Ingress] };
        var lockdown = new ApplyPolicies([deny, Allow("web-d"), Allow("web-s")]);
        var elsewhere = new ApplyPolicies([new NetworkPolicy("other", "deny", LabelSelector.Everything) { PolicyTypes = [PolicyDirection.Ingress] }]);
        var before = FixVerifier.Index(result.Findings);
        var exposure = context.Workloads().ToDictionary(w => w.Pod.Owner, w => context.Exposure(w.Pod).All);

        var inTurn = FixVerifier.Problem(context, new InTurn([lockdown, elsewhere]), before, exposure, options);
        var together = FixVerifier.Problem(context, new ChangeSequence([lockdown, elsewhere]), before, exposure, options);

        Assert.Null(inTurn);
        Assert.Equal(inTurn ?? "(none)", together ?? "(none)");
        Assert.Equal(Describe(new InTurn([lockdown, elsewhere]).Apply(cluster).Network), Describe(new ChangeSequence([lockdown, elsewhere]).Apply(cluster).Network));
    }

    [Fact]
    public void Lint_of_a_hundred_namespaces_with_two_workloads_named_alike_offers_every_fix()
    {
        var pods = new List<Pod>();
        var services = new List<ServiceInfo>();
        var namespaces = new List<NamespaceInfo>();
        for (var i = 0; i < 100; i++)
        {
            var ns = $"team{i:00}";
            namespaces.Add(new NamespaceInfo(ns, LabelSet.Empty));
            foreach (var (kind, app) in new[] { ("Deployment", "web-d"), ("StatefulSet", "web-s") })
            {
                pods.Add(new Pod(ns, $"{app}-0", LabelSet.From([new("app", app)]), new WorkloadRef(ns, "web", kind))
                {
                    Ports = [new Net.ContainerPort("http", 80, Net.Protocol.Tcp)],
                    Addresses = [System.Net.IPAddress.Parse($"10.1.{i}.{(app == "web-d" ? 1 : 2)}")],
                    FromTemplate = true,
                });
                services.Add(new ServiceInfo(ns, app, "NodePort", LabelSet.From([new("app", app)])) { Ports = [new ServicePort("http", 80, Net.Protocol.Tcp, 80, null, 30000)] });
            }
        }
        // Each namespace has a Deployment and a StatefulSet both named web, each published by a NodePort Service.
        var cluster = new Cluster(new NetworkSnapshot(namespaces, pods, [], services));
        var options = new LintOptions();
        var context = new PostureContext(cluster, options.Connectivity);
        var result = LintUseCase.Findings(context, options);
        var changes = result.Findings.Select(f => f.FixChange).OfType<ClusterEdit>().Distinct().ToArray();
        var before = FixVerifier.Index(result.Findings);
        var exposure = context.Workloads().ToDictionary(w => w.Pod.Owner, w => context.Exposure(w.Pod).All);
        // 100 lockdowns, 40 proven one by one, 60 together: halving the groups (40 splits) cannot reach every single fix.
        Assert.Equal((100, 40), (changes.Length, FixVerifier.Budget(context.AnalysisSize)));
        var group = changes[40..];
        Assert.Null(FixVerifier.Problem(context, new InTurn(group), before, exposure, options));
        // A coalesced group proof keeping one of two allowances of one name withheld 42 of these fixes ("would cut outside
        // traffic to team58/web[Deployment] (TCP 80)"); the lockdown names them apart.
        var proven = LintUseCase.Proven(new PostureContext(cluster, options.Connectivity), options);
        Assert.Empty(proven.Findings.Where(f => f.Remediation?.Contains("No ready manifest") == true).Select(f => f.Remediation));
    }

    /// <summary>The changes applied one after the other: what <see cref="ChangeSequence"/> must equal.</summary>
    private sealed record InTurn(ClusterEdit[] Changes) : ClusterEdit
    {
        public override Cluster Apply(Cluster cluster) => Changes.Aggregate(cluster, (c, change) => change.Apply(c));
    }

    private static string[] Describe(NetworkSnapshot network) =>
        [.. network.NetworkPolicies.Select(p => $"{p.Namespace}/{p.Name} {p.PodSelector}")];

    private static string Text(Connection l) => $"{l.Source.DisplayName} > {l.Destination.DisplayName}: {l.Connections}";

    private static string[] Added(IEnumerable<Finding> findings, IReadOnlyDictionary<(string, string, string?), Severity> index) =>
        [.. findings
            .Where(f => !index.TryGetValue((f.Rule.Id, f.Subject, f.Field), out var was) || f.Severity > was)
            .Select(f => $"{f.Rule.Id} {f.Subject} {f.Field} {f.Severity}")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>What a proof's checks read of the edge lines (as <see cref="ChangedEdgesAgreeWithAnalysisTests"/> describes them).</summary>
    private static string Describe(PostureContext context)
    {
        var text = new System.Text.StringBuilder();
        foreach (var workload in context.Workloads())
        {
            var peer = PostureContext.PeerOf(workload.Pod);
            text.Append(peer).Append(": external ").Append(context.Reach.FromExternal(peer))
                .Append(", controller ").Append(context.Reach.FromIngressController(peer)).Append('\n');
            if (!workload.Pod.Ports.Any(p => WellKnownPorts.ServiceOn(p.Protocol, p.Port) is not null))
                continue;
            var reach = context.ReachOfListener(peer);
            foreach (var port in workload.Pod.Ports.Where(p => WellKnownPorts.ServiceOn(p.Protocol, p.Port) is not null))
                text.Append("  ").Append(port.Port).Append('/').Append(port.Protocol).Append(" reached from elsewhere: ").Append(reach.Of(port.Protocol, port.Port).Sources > 0).Append('\n');
        }
        return text.ToString();
    }
}
