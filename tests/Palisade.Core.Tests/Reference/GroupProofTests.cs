using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Policy;
using Palisade.Posture;
using Palisade.Posture.Fixes;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// Fixes proven together give the verdict of applying them in turn, also when one change names two policies alike, and
/// lint offers every lockdown of namespaces whose workloads of two kinds share a name.
/// </summary>
public sealed class GroupProofTests
{
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
}
