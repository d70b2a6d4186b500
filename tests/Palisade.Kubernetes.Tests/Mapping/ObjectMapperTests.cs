using k8s.Models;
using Palisade.Kubernetes.Mapping;
using Palisade.Model;
using CoreNetworkPolicy = Palisade.Policy.NetworkPolicy;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>
/// The mapper takes one object at a time, from wherever it comes: a client model (as a list or watch returns
/// it) or the JSON of one object (as an audit log carries it), without locations.
/// </summary>
public sealed class ObjectMapperTests
{
    [Fact]
    public void A_client_object_maps_without_locations()
    {
        var policy = new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "deny", NamespaceProperty = "shop", Annotations = new Dictionary<string, string> { ["palisade.io/ignore"] = "all" } },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
        };
        var mapped = ObjectMapper.Map("NetworkPolicy", policy);
        Assert.Equal(new ObjectKey("NetworkPolicy", "shop", "deny"), mapped.Object.Meta.Key);
        Assert.Null(mapped.Object.Meta.Resource.Location);
        Assert.Equal("all", mapped.Object.Meta.Annotations["palisade.io/ignore"]);
        Assert.Equal("shop/deny", Assert.IsType<CoreNetworkPolicy>(mapped.Object.Content).ToString());
    }

    [Fact]
    public void The_json_of_one_object_maps_like_its_manifest()
    {
        var mapped = ObjectMapper.MapJson("""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "shop", "ownerReferences": [{"kind": "Rollout", "name": "web", "controller": true}]},
             "spec": {"replicas": 3, "template": {"metadata": {"labels": {"app": "web"}},
                      "spec": {"containers": [{"name": "web", "ports": [{"name": "http", "containerPort": 8080}]}]}}}}
            """);
        var pod = Assert.IsType<Pod>(mapped!.Object.Content);
        Assert.Equal(("shop/web", 3, "http"), (pod.ToString(), pod.Replicas, pod.Ports.Single().Name));
        Assert.Equal(new OwnerReference("Rollout", "web"), mapped.Object.Meta.Controller);
        Assert.Null(pod.Location);
    }

    [Fact]
    public void Json_of_a_kind_not_read_maps_to_nothing() =>
        Assert.Null(ObjectMapper.MapJson("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}"""));

    [Fact]
    public void Json_the_api_server_would_reject_is_bad_input_without_a_location()
    {
        var error = Assert.Throws<InvalidInputException>(() => ObjectMapper.MapJson("""
            {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "p"},
             "spec": {"podSelector": {}, "ingress": [{"ports": [{"port": 0}]}]}}
            """));
        Assert.Null(error.Location);
        Assert.Equal("NetworkPolicy default/p", error.ObjectName);
    }

    [Fact]
    public void Objects_from_any_source_build_one_cluster()
    {
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        builder.Add(ObjectMapper.MapJson("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}""")!.Object);
        builder.Add(ObjectMapper.Map("Pod", new V1Pod { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "shop" } }).Object);
        builder.Add(ObjectMapper.Map("Pod", new V1Pod { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["v"] = "2" } } }).Object);
        var cluster = builder.Build();
        Assert.Equal("2", Assert.Single(cluster.Network.Pods).Labels.Items["v"]);
        Assert.Single(cluster.Duplicates);
    }
}
