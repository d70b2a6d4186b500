using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Model;

/// <summary>A snapshot's pods and Services by namespace are its own, in its order, and nothing for a namespace without any.</summary>
public sealed class NetworkSnapshotIndexTests
{
    private static Pod Pod(string ns, string name) => new(ns, name, LabelSet.Empty, new WorkloadRef(ns, name, "Pod"));

    [Fact]
    public void Pods_and_services_of_a_namespace_keep_the_snapshot_order()
    {
        Pod[] pods = [Pod("a", "p1"), Pod("b", "p2"), Pod("a", "p3"), Pod("a", "p0")];
        ServiceInfo[] services = [new("b", "s1", "ClusterIP", null), new("a", "s2", "ClusterIP", null), new("b", "s0", "ClusterIP", null)];
        var snapshot = new NetworkSnapshot([], pods, [], services);
        Assert.Equal(["p1", "p3", "p0"], snapshot.PodsIn("a").Select(p => p.Name));
        Assert.Equal(["p2"], snapshot.PodsIn("b").Select(p => p.Name));
        Assert.Empty(snapshot.PodsIn("c"));
        Assert.Equal(["s1", "s0"], snapshot.ServicesIn("b").Select(s => s.Name));
        Assert.Empty(snapshot.ServicesIn("c"));
    }
}
