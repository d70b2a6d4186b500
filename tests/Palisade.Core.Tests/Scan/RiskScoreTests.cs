using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Core.Tests.Reference;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;
using Palisade.Posture;
using Palisade.Scan;
using Palisade.Scan.Risk;

namespace Palisade.Core.Tests.Scan;

/// <summary>The risk score: higher is riskier, 0–100, never worse when a policy only removes connections, and explained.</summary>
public sealed class RiskScoreTests
{
    private static ScanReport Scan(NetworkSnapshot snapshot, bool podIps = true) =>
        ScanUseCase.Run(new Cluster(snapshot), new LintOptions { Connectivity = new ConnectivityOptions { IpBlockMatchesPodIps = podIps } });

    private static NetworkSnapshot With(NetworkSnapshot c, NetworkPolicy policy) =>
        new(c.Namespaces.Values, c.Pods, [.. c.NetworkPolicies, policy], c.Services, c.AdminPolicies, c.IngressRoutes);

    private static NetworkSnapshot Open() => new(
        [new NamespaceInfo("a", LabelSet.Empty)],
        [
            new Pod("a", "web", LabelSet.From([new("app", "web")]), new WorkloadRef("a", "web", "Deployment")) { FromTemplate = true },
            new Pod("a", "db", LabelSet.From([new("app", "db")]), new WorkloadRef("a", "db", "Deployment")) { FromTemplate = true },
        ],
        []);

    [Fact]
    public void An_open_namespace_scores_high_and_says_why()
    {
        var risk = Scan(Open()).Risk;
        Assert.InRange(risk.Score, 60, 95);
        Assert.StartsWith("the cloud metadata service reachable from 2 of 2 workloads (+", risk.WeighsMost(), StringComparison.Ordinal);
        Assert.InRange(risk.Factors.Sum(f => f.Points), risk.Score - 1, risk.Score + 1);
    }

    [Fact]
    public void A_default_deny_everywhere_scores_zero()
    {
        var denyAll = new NetworkPolicy("a", "deny", LabelSelector.Everything) { PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress] };
        var risk = Scan(With(Open(), denyAll)).Risk;
        Assert.Equal(0, risk.Score);
        Assert.Equal("nothing (no workload is open and no finding weighs)", risk.WeighsMost());
    }

    [Fact]
    public void No_workload_scores_zero()
    {
        Assert.Equal(0, Scan(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty)], [], [])).Risk.Score);
    }

    [Fact]
    public void Combining_shares_the_score_among_the_factors()
    {
        var (score, factors) = RiskModel.Combine([new RiskFactor("x", 1, 0.5, "x"), new RiskFactor("y", 1, 0.5, "y")]);
        Assert.Equal(75, score);
        Assert.All(factors, f => Assert.InRange(f.Points, 37, 38));
    }

    public static Arbitrary<(GeneratedCase, NetworkPolicy)> CaseAndPolicy() =>
        Arb.From(from c in ClusterGenerators.Case from p in ClusterGenerators.Policy select (c, p));

    [Property(MaxTest = 300, Arbitrary = [typeof(RiskScoreTests)])]
    public bool A_policy_that_only_removes_connections_never_raises_the_score((GeneratedCase Case, NetworkPolicy Policy) input)
    {
        var before = input.Case.Cluster;
        var after = With(before, input.Policy);
        var options = new ConnectivityOptions { IpBlockMatchesPodIps = input.Case.IpBlockMatchesPodIps };
        if (!OnlyRemoves(new PolicyEngine(before, options), new PolicyEngine(after, options)))
            return true;
        return Scan(after, input.Case.IpBlockMatchesPodIps).Risk.Score <= Scan(before, input.Case.IpBlockMatchesPodIps).Risk.Score;
    }

    /// <summary>
    /// Whether every connection the second engine allows, the first allows too, over the same outside address space (the
    /// second's ranges refine the first's). A policy whose ipBlock first names IPv6 brings IPv6 into the external ranges
    /// (docs/semantics.md: IPv6 is covered only when some policy mentions it), which is more to reach, not less.
    /// </summary>
    private static bool OnlyRemoves(PolicyEngine before, PolicyEngine after)
    {
        if (!Families(before.ExternalDestinations).SetEquals(Families(after.ExternalDestinations))
            || !Families(before.ExternalSources).SetEquals(Families(after.ExternalSources)))
            return false;
        var outside = after.ExternalDestinations.Concat(after.ExternalSources).Append(new ExternalEndpoint(Net.IpRange.Single(EgressMetadata))).ToArray();
        foreach (var source in after.Pods)
        {
            foreach (var destination in after.Pods.Cast<Endpoint>().Concat(outside))
            {
                if (!after.Allowed(source, destination).Except(before.Allowed(before.Pods[source.Index], Same(before, destination))).IsEmpty)
                    return false;
                if (destination is ExternalEndpoint external && !after.Allowed(external, source).Except(before.Allowed(external, before.Pods[source.Index])).IsEmpty)
                    return false;
            }
        }
        return true;
    }

    private static HashSet<System.Net.Sockets.AddressFamily> Families(IEnumerable<ExternalEndpoint> ranges) => [.. ranges.Select(r => r.Range.Family)];

    private static readonly System.Net.IPAddress EgressMetadata = Posture.Consequences.EgressConsequences.MetadataAddress;

    private static Endpoint Same(PolicyEngine engine, Endpoint endpoint) => endpoint is PodEndpoint pod ? engine.Pods[pod.Index] : endpoint;
}
