using Palisade.Connectivity;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>Ingress and Route manifests, Service port resolution, and the ingress controller's lines.</summary>
public sealed class IngressTests
{
    private const string Backend = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: c
                ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: admin, port: 9000}
          - {name: dns, port: 53, protocol: UDP}
          - {name: alt, port: 8081, targetPort: 8080}
        """;

    private static string[] IngressLines(string yaml, ConnectivityOptions? options = null)
    {
        var loaded = Load.Cluster(Backend + "\n---\n" + yaml);
        var report = ConnectivityAnalyzer.Analyze(new PolicyEngine(loaded.Cluster.Network, options));
        return report.Connections.Where(c => c.Source == Peer.IngressController).Select(c => $"{c.Destination} : {c.Connections}").ToArray();
    }

    [Fact]
    public void An_ingress_port_name_reaches_the_named_target_port()
    {
        Assert.Equal(["shop/web[Deployment] : TCP 8080"], IngressLines("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              ingressClassName: nginx
              rules:
              - http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
            """));
    }

    [Fact]
    public void An_ingress_port_number_names_a_service_port_not_a_target_port()
    {
        const string ingress = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              defaultBackend: {service: {name: web, port: {number: 8080}}}
            """;
        Assert.Empty(IngressLines(ingress));
        Assert.Equal(["shop/web[Deployment] : TCP 8080"], IngressLines(ingress, ConnectivityOptions.NpGuard));
    }

    [Fact]
    public void A_route_without_port_reaches_every_tcp_service_port()
    {
        Assert.Equal(["shop/web[Deployment] : TCP 8080,9000"], IngressLines("""
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: web, namespace: shop}
            spec:
              to: {kind: Service, name: web}
            """));
    }

    [Fact]
    public void Policies_limit_what_the_controller_reaches_and_a_blocked_route_warns()
    {
        const string route = """
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: web, namespace: shop}
            spec:
              to: {kind: Service, name: web}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from: [{namespaceSelector: {}}]
                ports: [{port: 9000}]
            """;
        Assert.Equal(["shop/web[Deployment] : TCP 9000"], IngressLines(route));
        var denied = Load.Cluster(Backend + "\n---\n" + route.Replace("namespaceSelector: {}", "podSelector: {}", StringComparison.Ordinal));
        var report = ConnectivityAnalyzer.Analyze(new PolicyEngine(denied.Cluster.Network));
        Assert.DoesNotContain(report.Connections, c => c.Source == Peer.IngressController);
        Assert.Contains("Route shop/web routes to shop/web[Deployment], but its policies block the ingress controller", report.Warnings);
    }

    [Fact]
    public void A_missing_service_is_a_warning()
    {
        var loaded = Load.Cluster(Backend + "\n---\n" + """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              defaultBackend: {service: {name: nosuch, port: {number: 80}}}
            """);
        var report = ConnectivityAnalyzer.Analyze(new PolicyEngine(loaded.Cluster.Network));
        Assert.Contains("Ingress shop/web: Service shop/nosuch not found; the backend is ignored", report.Warnings);
    }
}
