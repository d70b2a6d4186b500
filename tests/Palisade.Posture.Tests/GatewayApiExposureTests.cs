using Palisade.Findings;
using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>
/// Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute) attached to a Gateway are a way in from outside, like an
/// Ingress: their backends are reachable from outside (PAL106), in plaintext unless every listener they attach to is
/// HTTPS or TLS (PAL304). Routes attached only to a Service (mesh) or with no backend (a redirect) expose nothing.
/// </summary>
public sealed class GatewayApiExposureTests
{
    private static IReadOnlyList<Finding> Run(string yaml, string id)
    {
        var loaded = ManifestSource.LoadText("gateway.yaml", yaml);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Id == id).ToArray();
    }

    private const string App = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: eg
          listeners:
          - {name: http, protocol: HTTP, port: 80}
          - {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: shop-tls}]}}
        """;

    private static string HttpRoute(string name, string parentRefs, string rules) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{name}}, namespace: shop}
        spec:
          parentRefs: {{parentRefs}}
          rules: {{rules}}
        """;

    private const string ToWeb = "[{backendRefs: [{name: web, port: 80}]}]";

    [Fact]
    public void A_route_attached_to_a_gateway_exposes_its_backend()
    {
        var yaml = string.Join("\n---\n", App, HttpRoute("web", "[{name: public, namespace: infra, sectionName: https}]", ToWeb));
        var finding = Assert.Single(Run(yaml, "PAL106"));
        Assert.Equal("Deployment shop/web", finding.Subject);
        Assert.Contains("from outside the cluster through the ingress controller on TCP 8080", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Run(yaml, "PAL304"));
    }

    [Fact]
    public void A_route_on_a_plain_http_listener_serves_plaintext()
    {
        var yaml = string.Join("\n---\n", App, HttpRoute("web", "[{name: public, namespace: infra}]", ToWeb));
        var finding = Assert.Single(Run(yaml, "PAL304"));
        Assert.Equal("HTTPRoute shop/web", finding.Subject);
        Assert.Equal("spec.parentRefs", finding.Field);
        Assert.Contains("infra/public", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redirect_route_and_a_mesh_route_expose_nothing()
    {
        var yaml = string.Join("\n---\n", App,
            HttpRoute("redirect", "[{name: public, namespace: infra, sectionName: http}]", "[{filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]}]"),
            HttpRoute("mesh", "[{group: \"\", kind: Service, name: web}]", ToWeb));
        Assert.Empty(Run(yaml, "PAL106"));
        Assert.Empty(Run(yaml, "PAL304"));
    }

    [Fact]
    public void Tcp_and_tls_routes_are_exposure_too()
    {
        var yaml = string.Join("\n---\n", App, """
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TCPRoute
            metadata: {name: raw, namespace: shop}
            spec:
              parentRefs: [{name: public, namespace: infra, sectionName: http}]
              rules: [{backendRefs: [{name: web, port: 80}]}]
            """);
        Assert.Single(Run(yaml, "PAL106"));
        Assert.Equal("TCPRoute shop/raw", Assert.Single(Run(yaml, "PAL304")).Subject);
    }

    [Fact]
    public void An_istio_gateway_is_still_read_as_istio_s()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: shop}
            spec:
              servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: c}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: vs, namespace: shop}
            spec:
              gateways: [gw]
              hosts: ["*"]
              http: [{route: [{destination: {host: web, port: {number: 80}}}]}]
            """;
        Assert.Empty(Run(yaml, "PAL304"));
    }

    [Fact]
    public void A_backend_port_out_of_range_is_refused_at_its_field()
    {
        var error = Assert.Throws<InvalidInputException>(() => Run(HttpRoute("web", "[{name: public}]", "[{backendRefs: [{name: web}, {name: web, port: 99999}]}]"), "PAL106"));
        Assert.Equal("gateway.yaml:6:57: HTTPRoute shop/web: spec.rules[0].backendRefs[1].port: port 99999 is outside 1-65535", error.Message);
    }
}
