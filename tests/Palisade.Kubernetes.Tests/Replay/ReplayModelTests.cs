using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;
using Palisade.Kubernetes.Replay;
using Palisade.Model;

namespace Palisade.Kubernetes.Tests.Replay;

/// <summary>The cluster of a replayed state: its bodies mapped as manifests are; a body the mapper rejects left out with one warning.</summary>
public sealed class ReplayModelTests
{
    private static KeyValuePair<ObjectKey, JsonNode> Body(string kind, string? ns, string name, string json) => new(new ObjectKey(kind, ns, name), JsonNode.Parse(json)!);

    private static readonly KeyValuePair<ObjectKey, JsonNode> Shop = Body("Namespace", null, "shop", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"a"}}}""");
    private static readonly KeyValuePair<ObjectKey, JsonNode> Web = Body("Pod", "shop", "web", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},"spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}]},
         "status":{"podIP":"10.1.0.9"}}
        """);
    private static readonly KeyValuePair<ObjectKey, JsonNode> Deny = Body("NetworkPolicy", "shop", "deny", """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny","namespace":"shop"},"spec":{"podSelector":{}}}""");
    private static readonly KeyValuePair<ObjectKey, JsonNode> Invalid = Body("NetworkPolicy", "shop", "bad", """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"bad","namespace":"shop"},"spec":{"podSelector":{},"ingress":[{"ports":[{"port":90,"endPort":80}]}]}}
        """);

    [Fact]
    public void A_state_is_the_cluster_of_its_bodies()
    {
        var network = new ReplayModel().Build(ObjectStore.Of([Shop, Web, Deny])).Network;
        Assert.Equal("a", network.Namespaces["shop"].Labels.Items["team"]);
        var pod = Assert.Single(network.Pods);
        Assert.Equal(("shop", "web", "10.1.0.9"), (pod.Namespace, pod.Name, pod.Addresses.Single().ToString()));
        Assert.Equal("deny", Assert.Single(network.NetworkPolicies).Name);
    }

    [Fact]
    public void A_body_the_mapper_rejects_is_left_out_with_one_warning_however_many_states_hold_it()
    {
        var model = new ReplayModel();
        var first = model.Build(ObjectStore.Of([Shop, Invalid]));
        var second = model.Build(ObjectStore.Of([Shop, Web, Invalid]));
        Assert.Empty(first.Network.NetworkPolicies);
        Assert.Empty(second.Network.NetworkPolicies);
        Assert.Single(second.Network.Pods);
        var warning = Assert.Single(model.Warnings);
        Assert.StartsWith("replayed object left out: ", warning, StringComparison.Ordinal);
        Assert.Contains("shop/bad", warning, StringComparison.Ordinal);
    }
    [Fact]
    public void A_null_list_element_is_read_as_the_api_server_decoded_it()
    {
        // Go decodes a null element of a list of objects as the empty object: `ingress: [null]` (a YAML list item left empty,
        // sent by kubectl apply or a merge patch) is stored as `ingress: [{}]`, which admits everything.
        var open = Body("NetworkPolicy", "shop", "open", """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"open","namespace":"shop"},"spec":{"podSelector":{},"ingress":[null]}}
            """);
        var model = new ReplayModel();
        var policy = Assert.Single(model.Build(ObjectStore.Of([Shop, open])).Network.NetworkPolicies);
        var rule = Assert.Single(policy.Ingress);
        Assert.Empty(rule.Peers);
        Assert.Empty(rule.Ports);
        Assert.Empty(model.Warnings);
    }

    [Fact]
    public void A_body_the_client_models_cannot_read_is_left_out_with_a_warning()
    {
        var odd = Body("Service", "shop", "odd", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"odd","namespace":"shop"},"spec":{"type":5}}""");
        var model = new ReplayModel();
        Assert.Empty(model.Build(ObjectStore.Of([Shop, odd])).Network.Services);
        var warning = Assert.Single(model.Warnings);
        Assert.StartsWith("replayed object left out: Service shop/odd: ", warning, StringComparison.Ordinal);
    }
}
