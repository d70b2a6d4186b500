using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cilium's TLS inspection (a CiliumNetworkPolicy with <c>terminatingTLS</c> and <c>originatingTLS</c>) decrypts HTTPS in
/// its proxy, and Hubble shows the requests as L7 HTTP records whose URL keeps the scheme the client used:
/// <c>https://httpbin.org/anything</c>. Such a request crossed the network in TLS; only <c>http://</c> ones were clear.
/// </summary>
public sealed class TlsInspectionTests
{
    private const string StrictMesh = """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop}
        spec: {mtls: {mode: STRICT}}
        """;

    private static JsonObject Get(string url) => new()
    {
        ["type"] = "REQUEST",
        ["http"] = new JsonObject
        {
            ["method"] = "GET", ["url"] = url, ["protocol"] = "HTTP/1.1",
            ["headers"] = new JsonArray(new JsonObject { ["key"] = "Authorization", ["value"] = "Bearer eyJhbGciOi" }),
        },
    };

    [Fact]
    public void An_inspected_https_request_with_an_authorization_header_is_not_plaintext()
    {
        var alerts = Check([
            Hubble(1, Web, "203.0.113.7", 41000, 443, l7: Get("https://api.example.com/v1/items")),
            Hubble(2, Db, Web, 41001, 8080, l7: Get("https://web.shop.svc:8080/orders")),
        ], moreCluster: StrictMesh);
        Assert.Equal(["internet-egress shop/web[Deployment] > 203.0.113.7 TCP"], alerts.Select(Key));
    }

    [Fact]
    public void A_clear_http_request_beside_it_still_is()
    {
        var alerts = Check([
            Hubble(1, Web, "203.0.113.7", 41000, 80, l7: Get("http://api.example.com/v1/items")),
            Hubble(2, Db, Web, 41001, 8080, l7: Get("HTTP://web.shop.svc:8080/orders")),
            Hubble(3, Db, Web, 41002, 8080, l7: Get("/orders")),
        ], moreCluster: StrictMesh);
        Assert.Equal(["internet-egress shop/web[Deployment] > 203.0.113.7 TCP", "plaintext shop/db[Deployment] > shop/web[Deployment] TCP",
            "plaintext shop/web[Deployment] > 203.0.113.7 TCP"], alerts.Select(Key).Order(StringComparer.Ordinal));
    }
}
