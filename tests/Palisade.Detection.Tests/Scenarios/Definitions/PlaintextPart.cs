using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (f) Plaintext, Hubble only. The payments namespace gets an Istio PeerAuthentication STRICT, so the
/// background's clear HTTP into it (paymentservice to payment-gateway, payment-gateway to fraud-check) is
/// plaintext. Authorization headers make HTTP plaintext anywhere: Grafana's basic auth to Prometheus,
/// toolbox's bearer token to an internet host (also internet-egress), and a gRPC call whose HTTP/2 header
/// is spelled <c>authorization</c> (header names are case-insensitive). The load generator's and
/// Prometheus's HTTP without credentials, outside STRICT namespaces, raise nothing.
/// </summary>
public static class PlaintextPart
{
    public const string StrictNamespace = "payments";

    /// <summary>Marks the namespace STRICT in the cluster the scenario writes.</summary>
    public static void Configure(ClusterSpec cluster)
    {
        cluster.StrictMtlsNamespaces.Add(StrictNamespace);
        cluster.Extras.Add(Obj(("apiVersion", "security.istio.io/v1beta1"), ("kind", "PeerAuthentication"),
            ("metadata", Obj(("name", "default"), ("namespace", StrictNamespace))),
            ("spec", Obj(("mtls", Obj(("mode", "STRICT")))))));
    }

    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var grafana = new PodPeer(c.Workload("monitoring", "grafana").Pod);
        foreach (var at in new[] { 100, 160 })
            b.ViaService(t0.AddSeconds(at), grafana, c.Service("monitoring", "prometheus"), 9090, l7: new HttpRequest("GET", "http://prometheus.monitoring:9090/api/v1/query?query=up",
                [("Host", "prometheus.monitoring:9090"), ("Authorization", "Basic YWRtaW46czNjcjN0"), ("User-Agent", "Grafana/11.1.0")]), note: "basic auth in clear");
        b.Direct(t0.AddSeconds(220), new PodPeer(c.Workload("dev", "toolbox").Pod), new ExternalPeer("203.0.113.80"), 80,
            l7: new HttpRequest("GET", "http://203.0.113.80/api/v2/export", [("Host", "203.0.113.80"), ("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo")]),
            note: "bearer token in clear to the internet");
        b.ViaService(t0.AddSeconds(260), new PodPeer(b.AnyPod(c.Workload("shop", "frontend"))), c.Service("shop", "checkoutservice"), 5050,
            l7: new HttpRequest("POST", "http://checkoutservice.shop:5050/hipstershop.CheckoutService/PlaceOrder",
                [(":authority", "checkoutservice.shop:5050"), ("content-type", "application/grpc"), ("authorization", "Bearer c2Vzc2lvbi10b2tlbg")], Protocol: "HTTP/2"),
            note: "HTTP/2 authorization header");
    }
}
