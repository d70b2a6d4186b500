using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// exposure-change. Services created as LoadBalancer and NodePort (one by generateName: the object is named
/// from the response), changed to NodePort by update and to LoadBalancer by merge patch without response,
/// externalIPs gaining an address by JSON Patch and by merge patch; an Ingress created, its rules changed by
/// merge patch and its TLS by update. Nothing for a ClusterIP Service, an annotation-only change of a
/// NodePort Service or of an Ingress, an externalIPs removal, a Service deletion, a forbidden, an invalid and
/// a dry-run create.
/// </summary>
public static class ExposurePart
{
    public static void Add(AuditLogBuilder b, ClusterSpec c, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);

        b.Create(Next(), Alice, Service("shop", "frontend-external", "LoadBalancer", Map(("app", "frontend")), 80, 8080, nodePort: 31380), note: "LoadBalancer create");
        b.Create(Next(), Alice, Service("monitoring", "grafana-np-x7k2q", "NodePort", Map(("app", "grafana")), 80, 3000, nodePort: 30300), generateName: true,
            note: "NodePort create by generateName");
        b.Create(Next(), Alice, Service("data", "postgres-ro", "ClusterIP", Map(("app", "postgres")), 5432, 5432), note: "ClusterIP create");
        var prometheus = b.Current.Get("Service", "monitoring", "prometheus")!;
        prometheus["spec"]!["type"] = "NodePort";
        ((JsonObject)prometheus["spec"]!["ports"]![0]!)["nodePort"] = 30090;
        b.Update(Next(), Bob, prometheus, note: "ClusterIP to NodePort by update");
        b.Patch(Next(), Mallory, ApiResource.Services, "data", "redis-cart", PatchKind.Merge, Obj(("spec", Obj(("type", "LoadBalancer")))), logResponse: false,
            note: "ClusterIP to LoadBalancer by merge patch, no response");
        b.Patch(Next(), Mallory, ApiResource.Services, "payments", "fraud-check", PatchKind.Json,
            Arr(Obj(("op", "add"), ("path", "/spec/externalIPs"), ("value", Arr("203.0.113.10")))), logResponse: false, note: "externalIPs added by JSON Patch");
        b.Patch(Next(), Alice, ApiResource.Services, "shop", "ads-external", PatchKind.Merge, Obj(("spec", Obj(("externalIPs", Arr("198.51.100.20", "198.51.100.21"))))),
            note: "externalIPs gains an address");
        b.Patch(Next(), Alice, ApiResource.Services, "shop", "ads-external", PatchKind.Merge, Obj(("spec", Obj(("externalIPs", Arr("198.51.100.21"))))),
            note: "externalIPs loses one: nothing");
        b.Patch(Next(), Bob, ApiResource.Services, "monitoring", "prometheus", PatchKind.Strategic,
            Obj(("metadata", Obj(("annotations", Obj(("prometheus.io/scrape", "true")))))), note: "already NodePort: annotation only");
        b.Create(Next(), Alice, Ingress("shop", "admin", Arr(IngressRule("admin.shop.example.com", "frontend", 80))), note: "Ingress create");
        b.Patch(Next(), Mallory, ApiResource.Ingresses, "shop", "frontend", PatchKind.Merge,
            Obj(("spec", Obj(("rules", Arr(IngressRule("shop.example.com", "frontend", 80), IngressRule("debug.shop.example.com", "cartservice", 7070)))))),
            logResponse: false, note: "Ingress rules changed by merge patch");
        var ingress = b.Current.Get("Ingress", "shop", "frontend")!;
        ingress["spec"]!["tls"] = Arr(Tls("shop-tls-2026", "shop.example.com", "www.shop.example.com"));
        b.Update(Next(), Bob, ingress, note: "Ingress TLS changed by update");
        b.Patch(Next(), Bob, ApiResource.Ingresses, "shop", "frontend", PatchKind.Merge,
            Obj(("metadata", Obj(("annotations", Obj(("nginx.ingress.kubernetes.io/proxy-body-size", "16m")))))), note: "Ingress annotation only");
        b.Delete(Next(), Alice, ApiResource.Services, "data", "postgres-ro", note: "Service deleted");
        b.Create(Next(), Mallory, Service("payments", "gateway-np", "NodePort", Map(("app", "payment-gateway")), 80, 8080, nodePort: 30080), code: 403, note: "forbidden");
        b.Create(Next(), Alice, Service("shop", "bad-np", "NodePort", Map(("app", "frontend")), 80, 8080, nodePort: 99999), code: 422, note: "invalid nodePort");
        b.Create(Next(), Alice, Service("shop", "frontend-lb-test", "LoadBalancer", Map(("app", "frontend")), 80, 8080), dryRun: true, note: "dry run");
    }
}
