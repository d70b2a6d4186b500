using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;
using static Palisade.Detection.Tests.Scenarios.Cluster.PolicyCatalog;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// network-policy-tampering. mallory (untrusted) writes NetworkPolicies by create, update (request body only),
/// merge patch, JSON Patch and strategic merge patch without and with the response, delete and
/// deletecollection, and writes the cluster-scoped tiers (AdminNetworkPolicy create, patch, delete,
/// deletecollection; BaselineAdminNetworkPolicy create). The same kinds of writes by trusted users raise
/// nothing; forbidden (403), conflicting (409), invalid (422) and dry-run writes raise nothing. The last write
/// is logged at Metadata level: an alert whose opened lines are unknown (not checked).
/// </summary>
public static class TamperingPart
{
    public static void Add(AuditLogBuilder b, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);

        var debug = PolicyCatalog.Policy("data", "allow-dev-debug", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "dev"), ("app", "toolbox"))], Port(5432))));
        b.Create(Next(), Mallory, debug, note: "create");
        b.Create(Next(), Mallory, debug, code: 409, note: "conflict: already exists");
        var widened = PolicyCatalog.Policy("data", "allow-dev-debug",
            Obj(("matchExpressions", Arr(Obj(("key", "app"), ("operator", "In"), ("values", Arr("postgres", "redis-cart")))))), ["Ingress"], ingress: Arr(
                Rule([Peer(("kubernetes.io/metadata.name", "dev"), ("app", "toolbox"))], Port(5432), Port(6379))));
        b.Update(Next(), Mallory, widened, level: "Request", note: "update, request body only");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "payments", "fraud-check", PatchKind.Merge,
            Obj(("spec", Obj(("ingress", Arr(Rule([Obj(("podSelector", PodSelector(("app", "payment-gateway")))), Obj(("namespaceSelector", Obj(("matchLabels", Map(("team", "dev"))))))], Port(8080))))))),
            logResponse: false, note: "merge patch without response (the AdminNetworkPolicy still denies dev)");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "data", "redis-cart", PatchKind.Json,
            Arr(Obj(("op", "add"), ("path", "/spec/ingress/-"), ("value", Rule([Obj(("namespaceSelector", Obj(("matchLabels", Map(("team", "platform"))))))], Port(6379))))),
            logResponse: false, note: "JSON Patch without response");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "paymentservice", PatchKind.Strategic,
            Obj(("spec", Obj(("ingress", Arr(Rule([Obj(("podSelector", PodSelector(("app", "checkoutservice")))), Obj(("podSelector", PodSelector(("app", "frontend"))))], Port(50051))))))),
            note: "strategic merge patch with response");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "cartservice", PatchKind.Merge,
            Obj(("metadata", Obj(("annotations", Obj(("owner", "mallory")))))), query: "fieldManager=kubectl-annotate", note: "annotation only: opens nothing");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "adservice", PatchKind.Merge,
            Obj(("spec", Obj(("ingress", Arr(new JsonObject()))))), dryRun: true, note: "dry run");
        b.Create(Next(), Mallory, PolicyCatalog.Policy("payments", "allow-all", PodSelector(), ["Ingress"], ingress: Arr(new JsonObject())), code: 403, note: "forbidden");
        b.Create(Next(), Mallory, PolicyCatalog.Policy("shop", "bad-port", PodSelector(), ["Ingress"], ingress: Arr(Rule([], Obj(("protocol", "TCP"), ("port", 70000)))))
            , code: 422, note: "invalid");
        b.Delete(Next(), Mallory, ApiResource.NetworkPolicies, "payments", "default-deny-ingress", note: "delete (other policies still isolate)");

        var monitoringToData = Objects.AdminPolicy("allow-monitoring-to-data", 10, "Allow", ("kubernetes.io/metadata.name", "data"), ("kubernetes.io/metadata.name", "monitoring"));
        b.Create(Next(), Mallory, monitoringToData, note: "AdminNetworkPolicy create");
        b.Patch(Next(), Mallory, ApiResource.AdminNetworkPolicies, null, "allow-monitoring-to-data", PatchKind.Merge, Obj(("spec", Obj(("priority", 15)))),
            logResponse: false, note: "AdminNetworkPolicy priority patch: opens nothing");
        b.Delete(Next(), Mallory, ApiResource.AdminNetworkPolicies, null, "allow-monitoring-to-data", note: "AdminNetworkPolicy delete");
        b.DeleteCollection(Next(), Mallory, ApiResource.AdminNetworkPolicies, null, note: "every AdminNetworkPolicy: dev now reaches fraud-check");
        b.Create(Next(), Mallory, Objects.BaselinePolicy(("kubernetes.io/metadata.name", "dev"), ("kubernetes.io/metadata.name", "batch")), note: "BaselineAdminNetworkPolicy create");

        // Trusted users: the same writes are expected and raise nothing.
        b.Create(Next(), ArgoCd, PolicyCatalog.Policy("payments", "default-deny-ingress", PodSelector(), ["Ingress"]), note: "trusted create");
        b.Patch(Next(), PlatformAdmin, ApiResource.NetworkPolicies, "shop", "paymentservice", PatchKind.Json,
            Arr(Obj(("op", "remove"), ("path", "/spec/ingress/0/from/1"))), logResponse: false, note: "trusted JSON Patch");
        b.Update(Next(), ArgoCd, PolicyCatalog.Policy("data", "allow-dev-debug", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "dev"), ("app", "toolbox"))], Port(5432)))), note: "trusted update");
        b.Delete(Next(), PlatformAdmin, ApiResource.NetworkPolicies, "data", "allow-dev-debug", note: "trusted delete");
        b.Create(Next(), PlatformAdmin, Objects.AdminPolicy("deny-dev-to-payments", 20, "Deny", ("kubernetes.io/metadata.name", "payments"), ("team", "dev")),
            note: "trusted AdminNetworkPolicy create");

        b.DeleteCollection(Next(), Mallory, ApiResource.NetworkPolicies, "data", note: "deletecollection: data open to all");
        b.Create(Next(), ArgoCd, PolicyCatalog.Policy("data", "default-deny-ingress", PodSelector(), ["Ingress"]), note: "trusted restore");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "emailservice", PatchKind.Merge,
            Obj(("spec", Obj(("ingress", Arr(new JsonObject()))))), level: "Metadata", note: "Metadata level: opened unknown");
    }
}
