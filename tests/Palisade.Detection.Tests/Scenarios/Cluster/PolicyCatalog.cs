using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// The NetworkPolicies in force before any audit event. Shop follows online-boutique's own policies (default
/// deny, one ingress policy per service, egress open); data and payments deny ingress by default; batch
/// locks egress down to DNS and HTTPS to the internet; monitoring, dev, kube-system and default have none.
/// Every isolated namespace admits the node subnet, so kubelet probes are allowed whether or not an
/// implementation applies pod policies to node traffic (an ambiguity the scenarios avoid).
/// </summary>
public static class PolicyCatalog
{
    public static IEnumerable<JsonObject> Base()
    {
        yield return Policy("shop", "default-deny-all", PodSelector(), ["Ingress", "Egress"]);
        yield return Policy("shop", "allow-all-egress", PodSelector(), ["Egress"], egress: Arr(new JsonObject()));
        yield return NodeProbes("shop");
        // The named port resolves to 9464 on every shop pod but the load generator, which declares none.
        yield return Policy("shop", "allow-metrics-scrape", PodSelector(), ["Ingress"],
            ingress: Arr(Rule([Peer(("team", "platform"), ("app", "prometheus"))], NamedPort("metrics"))));
        yield return Policy("shop", "frontend", PodSelector(("app", "frontend")), ["Ingress"],
            ingress: Arr(Obj(("ports", Arr(Port(8080))))));
        yield return ShopService("cartservice", 7070, "frontend", "checkoutservice");
        yield return ShopService("productcatalogservice", 3550, "frontend", "checkoutservice", "recommendationservice");
        yield return ShopService("currencyservice", 7000, "frontend", "checkoutservice");
        yield return ShopService("recommendationservice", 8080, "frontend");
        yield return ShopService("checkoutservice", 5050, "frontend");
        yield return ShopService("paymentservice", 50051, "checkoutservice");
        yield return ShopService("shippingservice", 50051, "frontend", "checkoutservice");
        yield return ShopService("emailservice", 8080, "checkoutservice");
        yield return ShopService("adservice", 9555, "frontend");

        yield return Policy("data", "default-deny-ingress", PodSelector(), ["Ingress"]);
        yield return NodeProbes("data");
        yield return Policy("data", "postgres", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "shop"), ("app", "productcatalogservice"))], Port(5432)),
            Rule([Peer(("team", "platform"), ("app", "prometheus"))], NamedPort("metrics"))));
        yield return Policy("data", "redis-cart", PodSelector(("app", "redis-cart")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "shop"), ("app", "cartservice"))], Port(6379))));

        yield return Policy("payments", "default-deny-ingress", PodSelector(), ["Ingress"]);
        yield return NodeProbes("payments");
        yield return Policy("payments", "payment-gateway", PodSelector(("app", "payment-gateway")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "shop"), ("app", "paymentservice"))], Port(8080))));
        yield return Policy("payments", "fraud-check", PodSelector(("app", "fraud-check")), ["Ingress"], ingress: Arr(
            Rule([Obj(("podSelector", PodSelector(("app", "payment-gateway"))))], Port(8080))));

        yield return Policy("batch", "egress-lockdown", PodSelector(), ["Egress"], egress: Arr(
            EgressRule([Peer(("kubernetes.io/metadata.name", "kube-system"), ("k8s-app", "kube-dns"))], Port(53, "UDP"), Port(53)),
            EgressRule([Obj(("ipBlock", Obj(("cidr", "0.0.0.0/0"), ("except", Arr("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")))))], Port(443))));
    }

    /// <summary>A NetworkPolicy manifest.</summary>
    public static JsonObject Policy(string ns, string name, JsonObject podSelector, string[] policyTypes, JsonArray? ingress = null, JsonArray? egress = null) =>
        Obj(("apiVersion", "networking.k8s.io/v1"), ("kind", "NetworkPolicy"),
            ("metadata", Obj(("name", name), ("namespace", ns))),
            ("spec", Obj(("podSelector", podSelector), ("policyTypes", Arr(policyTypes.Select(t => (JsonNode?)t))), ("ingress", ingress), ("egress", egress))));

    public static JsonObject PodSelector(params (string Key, string Value)[] labels) =>
        labels.Length == 0 ? new JsonObject() : Obj(("matchLabels", Map(labels)));

    /// <summary>A peer selecting pods by label in namespaces by label (an AND of both).</summary>
    public static JsonObject Peer((string Key, string Value) namespaceLabel, (string Key, string Value) podLabel) =>
        Obj(("namespaceSelector", Obj(("matchLabels", Map(namespaceLabel)))), ("podSelector", Obj(("matchLabels", Map(podLabel)))));

    public static JsonObject Rule(JsonObject[] peers, params JsonObject[] ports) =>
        Obj(("from", Arr(peers)), ("ports", Arr(ports)));

    public static JsonObject EgressRule(JsonObject[] peers, params JsonObject[] ports) =>
        Obj(("to", Arr(peers)), ("ports", Arr(ports)));

    public static JsonObject Port(int port, string protocol = "TCP") => Obj(("protocol", protocol), ("port", port));

    public static JsonObject NamedPort(string name) => Obj(("protocol", "TCP"), ("port", name));

    private static JsonObject ShopService(string name, int port, params string[] clients) =>
        Policy("shop", name, PodSelector(("app", name)), ["Ingress"], ingress: Arr(
            Rule([.. clients.Select(c => Obj(("podSelector", PodSelector(("app", c)))))], Port(port))));

    private static JsonObject NodeProbes(string ns) =>
        Policy(ns, "allow-node-probes", PodSelector(), ["Ingress"],
            ingress: Arr(Obj(("from", Arr(Obj(("ipBlock", Obj(("cidr", ClusterFactory.NodeSubnet)))))))));
}
