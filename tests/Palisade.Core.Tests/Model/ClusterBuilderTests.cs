using System.Net;
using Palisade.Net;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Model;

/// <summary>The cluster builder: one duplicate rule for every kind, pods reported as their top owner.</summary>
public sealed class ClusterBuilderTests
{
    private static ClusterObject Object(string kind, string? ns, string name, object content, int line, OwnerReference? controller = null) =>
        new(new ObjectMeta(new ResourceRef(kind, ns, name, new SourceLocation("c.yaml", line, 1)), new Dictionary<string, string>()) { Controller = controller }, content);

    private static ClusterObject Service(int line, string type) =>
        Object("Service", "shop", "web", new ServiceInfo("shop", "web", type, null), line);

    [Fact]
    public void Rejecting_names_both_declarations()
    {
        var builder = new ClusterBuilder(DuplicateRule.Reject);
        builder.Add(Service(1, "ClusterIP"));
        var error = Assert.Throws<InvalidInputException>(() => builder.Add(Service(9, "NodePort")));
        Assert.Equal("c.yaml:9:1: Service shop/web: metadata.name: declared twice (first at c.yaml:1:1); only one object of a kind may have a given name", error.Message);
    }

    [Fact]
    public void Keeping_the_later_declaration_replaces_the_first_and_records_the_pair()
    {
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        builder.Add(Service(1, "ClusterIP"));
        builder.Add(Object("Namespace", null, "shop", new NamespaceInfo("shop", LabelSet.Empty), 5));
        builder.Add(Service(9, "NodePort"));
        var cluster = builder.Build();
        Assert.Equal("NodePort", Assert.Single(cluster.Network.Services).Type);
        var duplicate = Assert.Single(cluster.Duplicates);
        Assert.Equal((1, 9), (duplicate.First.Location!.Line, duplicate.Second.Location!.Line));
        Assert.Equal(["Service shop/web", "Namespace shop"], cluster.Objects.Select(o => o.Key.ToString()));
        Assert.Equal(9, cluster.Objects.Find(new ObjectKey("Service", "shop", "web"))!.Resource.Location!.Line);
    }

    [Fact]
    public void A_later_declaration_without_what_the_api_server_assigned_keeps_the_earlier_one_s()
    {
        // A user's manifest over a dump of the live object: applying it leaves the cluster IP, node ports and the pod's status.
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        var ip = IPAddress.Parse("10.96.0.10");
        var lb = IPAddress.Parse("34.1.1.50");
        builder.Add(Object("Service", "shop", "web", new ServiceInfo("shop", "web", "LoadBalancer", null)
        {
            ClusterIps = [ip], LoadBalancerIps = [lb], Ports = [new ServicePort("http", 80, Protocol.Tcp, 8080, null, 30080)],
        }, 1));
        var dumped = new Pod("shop", "client", LabelSet.Empty, new WorkloadRef("shop", "client", "Pod"))
        {
            Addresses = [IPAddress.Parse("10.244.1.20")], HostIp = IPAddress.Parse("192.168.0.11"), NodeName = "n1",
            Created = DateTimeOffset.Parse("2026-11-30T00:00:00Z"), Terminated = true,
        };
        builder.Add(Object("Pod", "shop", "client", dumped, 2));
        builder.Add(Object("Service", "shop", "web", new ServiceInfo("shop", "web", "LoadBalancer", null)
        {
            Ports = [new ServicePort("http", 80, Protocol.Tcp, 8081, null, null), new ServicePort("admin", 81, Protocol.Tcp, 9000, null, null)],
        }, 9));
        builder.Add(Object("Pod", "shop", "client", new Pod("shop", "client", LabelSet.Empty, new WorkloadRef("shop", "client", "Pod")), 10));
        var cluster = builder.Build();
        var service = Assert.Single(cluster.Network.Services);
        Assert.Equal([ip], service.ClusterIps);
        Assert.Equal([lb], service.LoadBalancerIps);
        Assert.Equal([(8081, (int?)30080), (9000, null)], service.Ports.Select(p => (p.TargetPortNumber!.Value, p.NodePort)));
        var pod = Assert.Single(cluster.Network.Pods);
        Assert.Equal((dumped.Addresses, dumped.HostIp, dumped.NodeName, dumped.Created, true), (pod.Addresses, pod.HostIp, pod.NodeName, pod.Created, pod.Terminated));
        Assert.Equal(2, cluster.Duplicates.Count);
    }

    [Fact]
    public void A_pod_is_reported_as_its_top_owner_and_its_workload_template_gives_way()
    {
        var builder = new ClusterBuilder(DuplicateRule.Reject);
        builder.Add(Object("Deployment", "shop", "web", new Pod("shop", "web", LabelSet.Empty, new WorkloadRef("shop", "web", "Deployment")) { FromTemplate = true }, 1));
        builder.Add(Object("ReplicaSet", "shop", "web-1", new Pod("shop", "web-1", LabelSet.Empty, new WorkloadRef("shop", "web-1", "ReplicaSet")) { FromTemplate = true }, 10,
            new OwnerReference("Deployment", "web")));
        builder.Add(Object("Pod", "shop", "web-1-a", new Pod("shop", "web-1-a", LabelSet.Empty, new WorkloadRef("shop", "web-1", "ReplicaSet")), 20));
        var pods = builder.Build().Network.Pods;
        Assert.Equal("web-1-a", Assert.Single(pods).Name);
        Assert.Equal(new WorkloadRef("shop", "web", "Deployment"), pods[0].Owner);
    }

    [Fact]
    public void Content_the_cluster_cannot_hold_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ClusterBuilder(DuplicateRule.Reject).Add(Object("ConfigMap", "shop", "c", "text", 1)));
}
