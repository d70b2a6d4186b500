using Palisade.Findings;
using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>The exposure checks beyond their fixtures: what counts as open, severities and fields.</summary>
public sealed class ExposureCheckTests
{
    private static IReadOnlyList<Finding> Run(string yaml, string id)
    {
        var loaded = ManifestSource.LoadText("exposure.yaml", yaml);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Id == id).ToArray();
    }

    private static string LoadBalancer(string name, string ranges, string annotations = "{}") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: shop, annotations: {{annotations}}}
        spec:
          type: LoadBalancer
          selector: {app: web}
          loadBalancerSourceRanges: {{ranges}}
          ports: [{port: 443}]
        """;

    [Fact]
    public void Source_ranges_of_every_address_leave_a_load_balancer_open()
    {
        var yaml = string.Join("\n---\n",
            LoadBalancer("any-v4", "[0.0.0.0/0]"),
            LoadBalancer("any-both", "[\"10.0.0.0/8\", \"::/0\"]"),
            LoadBalancer("any-annotation", "[]", "{service.beta.kubernetes.io/load-balancer-source-ranges: \"0.0.0.0/0\"}"),
            LoadBalancer("office", "[203.0.113.0/24, \"2001:db8::/48\"]"),
            LoadBalancer("office-annotation", "[]", "{service.beta.kubernetes.io/load-balancer-source-ranges: \"203.0.113.0/24, 198.51.100.7/32\"}"));
        var findings = Run(yaml, "PAL302");
        Assert.Equal(["Service shop/any-annotation", "Service shop/any-both", "Service shop/any-v4"],
            findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
        var v4 = findings.Single(f => f.Subject == "Service shop/any-v4");
        Assert.Equal(Severity.High, v4.Severity);
        Assert.Equal("spec.loadBalancerSourceRanges", v4.Field);
        Assert.Contains("0.0.0.0/0", v4.Message, StringComparison.Ordinal);
        Assert.Equal("metadata.annotations", findings.Single(f => f.Subject == "Service shop/any-annotation").Field);
    }

    [Theory]
    [InlineData("service.beta.kubernetes.io/aws-load-balancer-internal", "0.0.0.0/0")]
    [InlineData("service.beta.kubernetes.io/aws-load-balancer-internal", "true")]
    [InlineData("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private")]
    [InlineData("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "intranet")]
    public void A_load_balancer_its_cloud_makes_internal_is_low(string key, string value)
    {
        var finding = Assert.Single(Run(LoadBalancer("internal", "[]", $"{{{key}: \"{value}\"}}"), "PAL302"));
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("internal load balancer", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}", Severity.Medium)]
    [InlineData("{}", Severity.High)]
    public void A_workload_behind_an_internal_load_balancer_is_not_reported_as_open_to_the_internet(string annotations, Severity expected)
    {
        var web = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web, ports: [{containerPort: 443}]}]}
            """;
        var finding = Assert.Single(Run(web + "\n---\n" + LoadBalancer("web", "[]", annotations), "PAL106"));
        Assert.Equal(expected, finding.Severity);
    }

    [Fact]
    public void An_aws_load_balancer_marked_not_internal_is_open()
    {
        var finding = Assert.Single(Run(LoadBalancer("public", "[]", "{service.beta.kubernetes.io/aws-load-balancer-internal: \"false\"}"), "PAL302"));
        Assert.Equal(Severity.High, finding.Severity);
    }

    private static string Ingress(string name, string rules, string tls) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: {{name}}, namespace: shop}
        spec:
          tls: {{tls}}
          rules: {{rules}}
        """;

    private const string Backend = "http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}";

    [Fact]
    public void An_ingress_host_its_tls_does_not_cover_is_served_in_plaintext()
    {
        var yaml = string.Join("\n---\n",
            Ingress("partial", $"[{{host: shop.example.com, {Backend}}}, {{host: admin.example.com, {Backend}}}]", "[{hosts: [shop.example.com], secretName: shop-tls}]"),
            Ingress("catch-all", $"[{{{Backend}}}]", "[{hosts: [shop.example.com], secretName: shop-tls}]"),
            Ingress("wildcard", $"[{{host: a.example.com, {Backend}}}, {{host: b.example.com, {Backend}}}]", "[{hosts: [\"*.example.com\"], secretName: wild}]"),
            Ingress("no-hosts", $"[{{host: a.example.com, {Backend}}}, {{{Backend}}}]", "[{secretName: default-tls}]"));
        var findings = Run(yaml, "PAL304");
        Assert.Equal(["Ingress shop/catch-all", "Ingress shop/partial"], findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
        var partial = findings.Single(f => f.Subject == "Ingress shop/partial");
        Assert.Equal("Ingress shop/partial serves admin.example.com in plaintext HTTP: its spec.tls does not list it", partial.Message);
        Assert.Equal("spec.rules[1].host", partial.Field);
        Assert.Equal(Severity.Medium, partial.Severity);
        Assert.Equal("Ingress shop/catch-all serves any host (its rule without host) in plaintext HTTP: its spec.tls does not list it",
            findings.Single(f => f.Subject == "Ingress shop/catch-all").Message);
    }

    private static string TlsIngress(string name, string classAndAnnotations) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: {{name}}, namespace: shop, {{classAndAnnotations}}}
        spec:
          tls: [{secretName: shop-tls}]
          rules: [{host: shop.example.com, {{Backend}}}]
        """;

    [Fact]
    public void A_tls_ingress_whose_controller_also_serves_plain_http_is_reported()
    {
        var yaml = string.Join("\n---\n",
            TlsIngress("nginx-default", "annotations: {kubernetes.io/ingress.class: nginx}"),
            TlsIngress("nginx-no-redirect", "annotations: {kubernetes.io/ingress.class: nginx, nginx.ingress.kubernetes.io/ssl-redirect: \"false\"}"),
            TlsIngress("gce-default", "annotations: {kubernetes.io/ingress.class: gce}"),
            TlsIngress("gce-https-only", "annotations: {kubernetes.io/ingress.class: gce, kubernetes.io/ingress.allow-http: \"false\"}"),
            TlsIngress("alb-both", "annotations: {kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'}"),
            TlsIngress("alb-redirect", "annotations: {kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]', alb.ingress.kubernetes.io/ssl-redirect: '443'}"),
            TlsIngress("kong-default", "annotations: {kubernetes.io/ingress.class: kong}"),
            TlsIngress("kong-https", "annotations: {kubernetes.io/ingress.class: kong, konghq.com/protocols: https}"));
        var findings = Run(yaml, "PAL304");
        Assert.Equal(["Ingress shop/alb-both", "Ingress shop/gce-default", "Ingress shop/kong-default", "Ingress shop/nginx-no-redirect"],
            findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
        var nginx = findings.Single(f => f.Subject == "Ingress shop/nginx-no-redirect");
        Assert.Equal("metadata.annotations.nginx.ingress.kubernetes.io/ssl-redirect", nginx.Field);
        Assert.Equal("Ingress shop/nginx-no-redirect serves plaintext HTTP as well: nginx.ingress.kubernetes.io/ssl-redirect is \"false\", so ingress-nginx does not redirect HTTP to HTTPS", nginx.Message);
        Assert.Equal("metadata.annotations", findings.Single(f => f.Subject == "Ingress shop/gce-default").Field);
    }

    [Fact]
    public void A_published_service_port_forwarding_to_a_default_port_is_reported_on_that_port()
    {
        var findings = Run("""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec:
              type: NodePort
              selector: {app: db}
              ports:
              - {name: web, port: 8080}
              - {name: sql, port: 80, targetPort: 5432}
            """, "PAL401");
        var finding = Assert.Single(findings);
        Assert.Equal("Service shop/db publishes 80/TCP, to target port 5432, the default PostgreSQL port, outside the cluster (NodePort)", finding.Message);
        Assert.Equal("spec.ports[1]", finding.Field);
        Assert.Equal(9, finding.Location?.Line);
        Assert.Equal(Severity.High, finding.Severity);
    }

    private static string Route(string name, string tls) => $$"""
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata: {name: {{name}}, namespace: shop}
        spec:
          to: {kind: Service, name: web}
          tls: {{tls}}
        """;

    [Fact]
    public void A_route_that_allows_insecure_edge_traffic_serves_plaintext()
    {
        var yaml = string.Join("\n---\n",
            Route("allow", "{termination: edge, insecureEdgeTerminationPolicy: Allow}"),
            Route("redirect", "{termination: edge, insecureEdgeTerminationPolicy: Redirect}"),
            Route("passthrough", "{termination: passthrough}"));
        var finding = Assert.Single(Run(yaml, "PAL304"));
        Assert.Equal("Route shop/allow", finding.Subject);
        Assert.Equal("Route shop/allow serves plaintext HTTP as well: its spec.tls.insecureEdgeTerminationPolicy is Allow", finding.Message);
        Assert.Equal("spec.tls.insecureEdgeTerminationPolicy", finding.Field);
    }

    [Fact]
    public void A_host_port_finding_names_the_port_entry_that_binds_it()
    {
        var yaml = string.Join("\n---\n", """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: probe, namespace: shop}
            spec:
              schedule: "* * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - name: probe
                        image: probe
                        ports:
                        - {containerPort: 8080}
                        - {containerPort: 9090, hostPort: 9090}
            """, """
            apiVersion: v1
            kind: Pod
            metadata: {name: agent, namespace: shop}
            spec:
              containers: [{name: a, image: a}, {name: b, image: b, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}]
            """);
        var findings = Run(yaml, "PAL306");
        var cronJob = findings.Single(f => f.Subject == "CronJob shop/probe");
        Assert.Equal(("spec.jobTemplate.spec.template.spec.containers[0].ports[1].hostPort", 15), (cronJob.Field, cronJob.Location?.Line));
        Assert.Equal("spec.containers[1].ports[0].hostPort", findings.Single(f => f.Subject == "Pod shop/agent").Field);
    }

    [Fact]
    public void A_host_network_workload_finding_names_its_template_field()
    {
        var finding = Assert.Single(Run("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  hostNetwork: true
                  containers: [{name: web, image: web}]
            """, "PAL305"));
        Assert.Equal(("spec.template.spec.hostNetwork", 9), (finding.Field, finding.Location?.Line));
    }

    [Fact]
    public void A_load_balancer_opens_node_ports_its_source_ranges_do_not_restrict()
    {
        var yaml = string.Join("\n---\n",
            LoadBalancer("office", "[203.0.113.0/24]"),
            LoadBalancer("internal", "[]", "{service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"}"),
            LoadBalancer("open", "[]"),
            LoadBalancer("no-node-ports", "[203.0.113.0/24]").Replace("type: LoadBalancer", "type: LoadBalancer\n  allocateLoadBalancerNodePorts: false", StringComparison.Ordinal));
        var findings = Run(yaml, "PAL301");
        Assert.Equal(["Service shop/internal", "Service shop/office", "Service shop/open"], findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
        var office = findings.Single(f => f.Subject == "Service shop/office");
        Assert.Equal("Service shop/office is a LoadBalancer that also opens an allocated port/TCP (to 443) on every node, where its loadBalancerSourceRanges and internal scheme do not apply", office.Message);
        Assert.All(findings, f => Assert.Equal(Severity.Low, f.Severity));
        Assert.Equal("spec.type", office.Field);
    }
}
