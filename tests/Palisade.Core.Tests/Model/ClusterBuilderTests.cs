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
