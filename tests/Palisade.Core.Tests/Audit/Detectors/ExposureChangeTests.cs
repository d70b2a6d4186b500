using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>exposure-change</c> (PRODUCT.md, Detection): a Service created as or changed to NodePort or LoadBalancer, a
/// Service whose externalIPs gain an address, an Ingress created or its rules/TLS changed; the same attack by
/// create, by update and by patch (issue 12: rules judge the replayed object, not the request body).
/// </summary>
public sealed class ExposureChangeTests
{
    /// <summary>Service shop/web; no type means ClusterIP.</summary>
    private static string Service(string? type = null, string externalIps = "", string ports = """[{"port":80,"targetPort":8080}]""") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":{"
        + (type is null ? "" : $"\"type\":\"{type}\",")
        + (externalIps.Length == 0 ? "" : $"\"externalIPs\":[{string.Join(",", externalIps.Split(',').Select(ip => $"\"{ip}\""))}],")
        + $"\"selector\":{{\"app\":\"web\"}},\"ports\":{ports}}}}}";

    private static string Ingress(string host = "shop.example.com", string tls = "") =>
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":{"
        + (tls.Length == 0 ? "" : $"\"tls\":[{{\"hosts\":[\"{host}\"],\"secretName\":\"{tls}\"}}],")
        + $"\"rules\":[{{\"host\":\"{host}\",\"http\":{{\"paths\":[{{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{{\"service\":{{\"name\":\"web\",\"port\":{{\"number\":80}}}}}}}}]}}}}]}}}}";

    [Theory]
    [InlineData("NodePort", "create", "created", "created as NodePort")]
    [InlineData("NodePort", "update", "updated", "changed from ClusterIP to NodePort")]
    [InlineData("NodePort", "merge-patch", "patched", "changed from ClusterIP to NodePort")]
    [InlineData("NodePort", "json-patch", "patched", "changed from ClusterIP to NodePort")]
    [InlineData("LoadBalancer", "create", "created", "created as LoadBalancer")]
    [InlineData("LoadBalancer", "update", "updated", "changed from ClusterIP to LoadBalancer")]
    [InlineData("LoadBalancer", "merge-patch", "patched", "changed from ClusterIP to LoadBalancer")]
    [InlineData("LoadBalancer", "json-patch", "patched", "changed from ClusterIP to LoadBalancer")]
    [InlineData("externalIPs", "create", "created", "externalIPs gained 203.0.113.10")]
    [InlineData("externalIPs", "update", "updated", "externalIPs gained 203.0.113.10")]
    [InlineData("externalIPs", "merge-patch", "patched", "externalIPs gained 203.0.113.10")]
    [InlineData("externalIPs", "json-patch", "patched", "externalIPs gained 203.0.113.10")]
    public void The_same_exposure_is_seen_by_create_update_and_patch(string attack, string how, string past, string reason)
    {
        var exposed = attack == "externalIPs" ? Service(externalIps: "203.0.113.10") : Service(attack);
        var line = how switch
        {
            "create" => Event("create", "services", "shop", request: exposed, level: "Request"),
            "update" => Event("update", "services", "shop", "web", request: exposed, level: "Request"),
            "merge-patch" => Event("patch", "services", "shop", "web", level: "Request",
                request: attack == "externalIPs" ? """{"spec":{"externalIPs":["203.0.113.10"]}}""" : $$$"""{"spec":{"type":"{{{attack}}}"}}"""),
            _ => Event("patch", "services", "shop", "web", level: "Request",
                request: attack == "externalIPs" ? """[{"op":"add","path":"/spec/externalIPs","value":["203.0.113.10"]}]""" : $$$"""[{"op":"add","path":"/spec/type","value":"{{{attack}}}"}]"""),
        };
        var result = Run([line], how == "create" ? Store() : Store(Service()));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("exposure-change", Severity.Medium, "Service shop/web"), (alert.Rule, alert.Severity, alert.Object));
        Assert.Equal($"mallory {past} Service shop/web: {reason}", alert.Message);
        Assert.Equal(["T1133", "T1190"], alert.Attack);
    }

    [Fact]
    public void A_patch_answered_by_the_server_is_judged_on_the_answer()
    {
        // The patch sent says nothing of the type (a server-side apply of a whole manifest): the response does.
        var result = Run([Event("patch", "services", "shop", "web", request: """{"metadata":{"labels":{"x":"y"}}}""", response: Service("LoadBalancer"),
            query: "fieldManager=helm")], Store(Service()));
        Assert.Equal("mallory patched Service shop/web: changed from ClusterIP to LoadBalancer", Assert.Single(result.Alerts).Message);
    }

    [Theory]
    [InlineData(null, "create", "ClusterIP", "")]
    [InlineData(null, "create", "ExternalName", "")]
    [InlineData("NodePort", "update", "NodePort", "")]
    [InlineData("LoadBalancer", "update", "LoadBalancer", "")]
    [InlineData("NodePort", "update", "ClusterIP", "")]
    [InlineData("ClusterIP,203.0.113.10,203.0.113.11", "update", "ClusterIP", "203.0.113.11")]
    [InlineData("ClusterIP,203.0.113.10", "update", "ClusterIP", "203.0.113.10")]
    public void A_service_that_gains_no_exposure_raises_nothing(string? before, string verb, string type, string externalIps)
    {
        var parts = before?.Split(',');
        var initial = parts is null ? Store() : Store(Service(parts[0], string.Join(",", parts[1..])));
        var after = Service(type, externalIps, ports: """[{"port":443,"targetPort":8443,"nodePort":30443}]""");
        var result = Run([Event(verb, "services", "shop", verb == "create" ? null : "web", request: after, level: "Request")], initial);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Deleting_an_exposed_service_or_setting_its_status_raises_nothing()
    {
        var withAddress = Service("LoadBalancer").Replace("\"spec\"", "\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"198.51.100.4\"}]}},\"spec\"", StringComparison.Ordinal);
        var result = Run([
            Event("update", "services", "shop", "web", subresource: "status", request: withAddress, user: "system:serviceaccount:kube-system:service-controller", at: "03:00"),
            Event("delete", "services", "shop", "web", at: "03:01"),
        ], Store(Service("LoadBalancer")));
        Assert.Empty(result.Alerts);
        Assert.Null(result.Final.Get(Key("Service shop/web")));
    }

    [Fact]
    public void From_nothing_a_service_seen_exposed_says_its_previous_type_is_unknown()
    {
        var result = Run([Event("update", "services", "shop", "web", request: Service("NodePort"), level: "Request")], initial: null, complete: false);
        Assert.Equal("mallory updated Service shop/web: now NodePort (its previous type is unknown)", Assert.Single(result.Alerts).Message);
    }

    [Fact]
    public void A_service_written_without_its_body_raises_nothing()
    {
        var result = Run([Event("patch", "services", "shop", "web", level: "Metadata")], Store(Service()));
        Assert.Empty(result.Alerts);
    }

    [Theory]
    [InlineData("create", "created", "Ingress created")]
    [InlineData("rules", "patched", "its rules changed")]
    [InlineData("tls", "updated", "its TLS changed")]
    [InlineData("both", "patched", "its rules and TLS changed")]
    public void An_ingress_created_or_its_rules_or_tls_changed_is_reported(string change, string past, string reason)
    {
        var line = change switch
        {
            "create" => Event("create", "ingresses", "shop", request: Ingress(), level: "Request"),
            "rules" => Event("patch", "ingresses", "shop", "web", request: """{"spec":{"rules":[{"host":"admin.example.com"}]}}""", level: "Request"),
            "tls" => Event("update", "ingresses", "shop", "web", request: Ingress(tls: "other-cert"), level: "Request"),
            _ => Event("patch", "ingresses", "shop", "web", level: "Request", request: """
                [{"op":"replace","path":"/spec/rules/0/host","value":"admin.example.com"},{"op":"remove","path":"/spec/tls"}]
                """),
        };
        var result = Run([line], change == "create" ? Store() : Store(Ingress(tls: "shop-cert")));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("exposure-change", "Ingress shop/web"), (alert.Rule, alert.Object));
        Assert.Equal($"mallory {past} Ingress shop/web: {reason}", alert.Message);
    }

    [Fact]
    public void An_ingress_change_that_leaves_rules_and_tls_alone_raises_nothing()
    {
        var withAddress = Ingress(tls: "shop-cert").Replace("\"spec\"", "\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"198.51.100.4\"}]}},\"spec\"", StringComparison.Ordinal);
        var result = Run([
            Event("patch", "ingresses", "shop", "web", request: """{"metadata":{"annotations":{"nginx.ingress.kubernetes.io/rewrite-target":"/"}}}""", level: "Request", at: "03:00"),
            Event("update", "ingresses", "shop", "web", subresource: "status", request: withAddress, user: "system:serviceaccount:ingress:controller", at: "03:01"),
            Event("delete", "ingresses", "shop", "web", at: "03:02"),
        ], Store(Ingress(tls: "shop-cert")));
        Assert.Empty(result.Alerts);
    }

    // The contract names an Ingress's rules and TLS: a default backend (or the class that serves it) is neither.
    [Theory]
    [InlineData("""{"spec":{"defaultBackend":{"service":{"name":"admin","port":{"number":8080}}}}}""")]
    [InlineData("""{"spec":{"ingressClassName":"public"}}""")]
    public void An_ingress_change_outside_its_rules_and_tls_raises_nothing_even_a_default_backend(string patch)
    {
        var result = Run([Event("patch", "ingresses", "shop", "web", request: patch, level: "Request")], Store(Ingress(tls: "shop-cert")));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void From_nothing_an_ingress_seen_for_the_first_time_says_its_previous_state_is_unknown()
    {
        var result = Run([Event("update", "ingresses", "shop", "web", request: Ingress(), level: "Request")], initial: null, complete: false);
        Assert.Equal("mallory updated Ingress shop/web: rules and TLS set (its previous rules and TLS are unknown)", Assert.Single(result.Alerts).Message);
    }

    [Theory]
    [InlineData("web")]
    [InlineData(null)]
    public void An_ingress_created_is_reported_even_when_logged_without_its_body(string? name)
    {
        // "an Ingress created": the verb says it all, at Metadata level too (a generateName create then has no name).
        var result = Run([
            Event("create", "ingresses", "shop", name, level: "Metadata", code: 201, at: "03:00"),
            Event("create", "services", "shop", "api", level: "Metadata", code: 201, at: "03:01"),
        ], Store());
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("exposure-change", $"Ingress shop/{name ?? "*"}"), (alert.Rule, alert.Object));
        Assert.Equal($"mallory created Ingress shop/{name ?? "*"}: Ingress created", alert.Message);
    }

    [Theory]
    [InlineData("patch", 201, "mallory patched Ingress shop/web: Ingress created")]
    [InlineData("update", 201, "mallory updated Ingress shop/web: Ingress created")]
    [InlineData("patch", 200, null)]
    [InlineData("update", 200, null)]
    public void An_ingress_created_by_server_side_apply_is_reported_even_when_logged_without_its_body(string verb, int code, string? message)
    {
        // Flux and Argo CD create with server-side apply: a patch answered 201 Created is the Ingress created, as a create is.
        // Answered 200, it changed an Ingress whose rules the log does not show.
        var result = Run([Event(verb, "ingresses", "shop", "web", level: "Metadata", code: code, query: "fieldManager=kustomize-controller&force=true", at: "03:00")],
            initial: null, complete: false);
        Assert.Equal(message is null ? [] : [message], result.Alerts.Select(a => a.Message));
        Assert.All(result.Alerts, a => Assert.Equal(("exposure-change", "Ingress shop/web", verb), (a.Rule, a.Object, a.Verb)));
    }

    [Fact]
    public void A_generate_name_service_logged_without_its_response_is_judged_on_its_request()
    {
        var result = Run([Event("create", "services", "shop", level: "Request",
            request: """{"apiVersion":"v1","kind":"Service","metadata":{"generateName":"expose-","namespace":"shop"},"spec":{"type":"LoadBalancer","ports":[{"port":80}]}}""")], Store());
        Assert.Equal("mallory created Service shop/*: created as LoadBalancer", Assert.Single(result.Alerts).Message);
    }
}
