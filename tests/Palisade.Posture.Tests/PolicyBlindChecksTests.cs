using Palisade.Findings;
using Palisade.Kubernetes;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Posture.Tests;

/// <summary>
/// A check that declares it cannot read NetworkPolicies (<see cref="IPostureCheck.ReadsNetworkPolicies"/>), which a
/// fix's proof therefore skips, finds the same on its positive fixture with every NetworkPolicy removed, and with a
/// default deny of both directions added to every namespace.
/// </summary>
public sealed class PolicyBlindChecksTests
{
    public static TheoryData<string> Ids => [.. CheckCatalog.All.Where(c => !c.ReadsNetworkPolicies).Select(c => c.Info.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Findings_do_not_move_with_the_policies(string id)
    {
        var fixture = CheckFixture.Of(id);
        var cluster = ManifestSource.Load([fixture.Positive], lenient: true, options: new InputOptions { Strict = false }).Cluster;
        var check = CheckCatalog.All.Single(c => c.Info.Id == id);
        var found = Found(check, cluster);
        Assert.NotEmpty(found);
        var denyAll = cluster.Network.Namespaces.Keys.Select(ns => new NetworkPolicy(ns, "deny-all", LabelSelector.Everything)
        {
            PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress],
        });
        Assert.Equal(found, Found(check, cluster.With(cluster.Network.With(policies: []))));
        Assert.Equal(found, Found(check, cluster.With(cluster.Network.With(policies: [.. cluster.Network.NetworkPolicies, .. denyAll]))));
    }

    private static string[] Found(IPostureCheck check, Cluster cluster) =>
        [.. check.Run(new PostureContext(cluster)).Select(f => $"{f.Subject} {f.Field} {f.Severity} {f.Message}")];
}
