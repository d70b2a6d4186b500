using Palisade.Connectivity;
using Palisade.Connectivity.Reachability;
using Palisade.Core.Tests.Support;
using Palisade.Policy;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>Which updates take the incremental path, and which recompute everything (docs/performance.md).</summary>
public sealed class IncrementalPathTests
{
    private static readonly PolicyDirection[] Both = [PolicyDirection.Ingress, PolicyDirection.Egress];

    private static IncrementalReachability Start() => new(new TestCluster()
        .Namespace("a", "team=x").Namespace("b")
        .Pod("a/web", "app=web", "http:80/TCP", "10.0.0.1").Pod("a/db", "app=db", "", "10.0.0.2").Pod("b/client", "app=client")
        .With(Build.NetPol("a/db-in", "app=db", ingress: [Build.From([Build.Pods("app=web")], "TCP 5432")]),
              Build.NetPol("a/web-out", "app=web", Both, egress: [Build.To([Build.Cidr("192.168.0.0/16")], "TCP 443")]))
        .Snapshot());

    [Fact]
    public void A_selector_change_is_incremental_and_reports_its_lines()
    {
        var incremental = Start();
        var changes = incremental.SetPolicy(Build.NetPol("a/db-in", "app=db", ingress: [Build.From([Build.Namespaces("")], "TCP 5432")]));
        Assert.False(incremental.LastUpdateWasFull);
        var change = Assert.Single(changes);
        Assert.Equal("b/client[Deployment]", change.Source.DisplayName);
        Assert.Equal("a/db[Deployment]", change.Destination.DisplayName);
        Assert.Equal("TCP 5432", change.After.ToString());
    }

    [Fact]
    public void Pods_and_namespace_labels_are_incremental()
    {
        var incremental = Start();
        incremental.SetPod(Build.Pod("a/web-2", "app=web", "http:80/TCP", "10.0.0.1"));
        Assert.False(incremental.LastUpdateWasFull);
        incremental.SetNamespace(new Palisade.Model.NamespaceInfo("b", Build.Labels("team=y")));
        Assert.False(incremental.LastUpdateWasFull);
        incremental.RemovePod("a", "db");
        Assert.False(incremental.LastUpdateWasFull);
    }

    [Fact]
    public void A_new_address_set_or_a_port_cutting_a_class_recomputes_everything()
    {
        var incremental = Start();
        incremental.SetPolicy(Build.NetPol("a/web-out", "app=web", Both, egress: [Build.To([Build.Cidr("172.16.0.0/12")], "TCP 443")]));
        Assert.True(incremental.LastUpdateWasFull);
        incremental.SetPolicy(Build.NetPol("a/db-in", "app=db", ingress: [Build.From([Build.Pods("app=web")], "TCP 5000-6000")]));
        Assert.True(incremental.LastUpdateWasFull);
        Assert.Equal(
            ConnectivityAnalyzer.Analyze(new PolicyEngine(incremental.Snapshot())).Connections.Select(c => c.ToString()),
            incremental.Connections().Select(c => c.ToString()));
    }
}
