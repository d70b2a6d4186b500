using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// <c>plaintext</c> judges clear HTTP by the destination pod's PeerAuthentication mode at the port addressed (port-level
/// settings first), request after request: each pod and port keeps its own mode, whatever came before it.
/// </summary>
public sealed class MeshModeTests
{
    // shop/web requires mTLS, except on its port 9090 (a metrics port scraped in clear).
    private const string WebStrictButMetrics = """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          mtls: {mode: STRICT}
          portLevelMtls: {"9090": {mode: PERMISSIVE}}
        """;

    private static JsonObject Get(string url) => new()
    {
        ["type"] = "REQUEST",
        ["http"] = new JsonObject { ["method"] = "GET", ["url"] = url, ["protocol"] = "HTTP/1.1" },
    };

    [Fact]
    public void Each_pod_and_port_is_judged_by_its_own_mode_request_after_request()
    {
        var alerts = Check([
            Hubble(1, Db, Web, 41000, 8080, l7: Get("http://web.shop.svc:8080/orders")),
            Hubble(2, Db, Web, 41001, 9090, l7: Get("http://10.244.1.5:9090/metrics")),
            Hubble(3, Db, Web2, 41002, 9090, l7: Get("http://10.244.1.6:9090/metrics")),
            Hubble(4, Db, Web2, 41003, 8080, l7: Get("http://web.shop.svc:8080/orders")),
            Hubble(5, Db, Web, 41004, 9090, l7: Get("http://10.244.1.5:9090/metrics")),
        ], moreCluster: WebStrictButMetrics);
        var alert = Assert.Single(alerts);
        Assert.Equal("plaintext shop/db[Deployment] > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal([8080], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }
}
