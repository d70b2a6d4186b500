using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;
using static Palisade.Detection.Tests.Scenarios.Cluster.PolicyCatalog;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// Request shapes real logs have that the other parts do not (third review). A dry run asked for in the
/// DeleteOptions body (kubectl delete --dry-run=server: no query), after which the policy is still there for a
/// patch that opens from it; a create that panicked (RequestReceived, then Panic with 500); Ingresses created at
/// Metadata level, one by generateName (the verb is the exposure; the object is then named *); a LoadBalancer
/// Service created, then the status writes of the controllers (the load balancer's address, an Ingress's address,
/// a Deployment's replica counts), which change no spec. Fourth review: server-side apply creating a policy, a NodePort
/// Service and a host-network pod (patches answered 201 Created, logged at Request level).
/// </summary>
public static class ShapesPart
{
    public static readonly AuditUser IngressController = AuditUser.ServiceAccount("ingress-nginx", "ingress-nginx");
    public static readonly AuditUser ServiceController = AuditUser.ServiceAccount("kube-system", "service-controller");

    public static void Add(AuditLogBuilder b, ClusterSpec c, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);

        b.Delete(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "cartservice", dryRunInBody: true, note: "dry run in the DeleteOptions body");
        b.Patch(Next(), Mallory, ApiResource.NetworkPolicies, "shop", "cartservice", PatchKind.Merge,
            Obj(("spec", Obj(("ingress", Arr(Rule([.. new[] { "frontend", "checkoutservice", "recommendationservice" }.Select(a => Obj(("podSelector", PodSelector(("app", a)))))], Port(7070))))))),
            note: "opens cartservice to recommendationservice: the policy survived the dry run");
        b.Create(Next(), Alice, Service("shop", "frontend-np", "NodePort", Map(("app", "frontend")), 80, 8080, nodePort: 30081), code: 500,
            stages: ["RequestReceived", "Panic"], note: "the API server panicked");
        b.Create(Next(), Mallory, Ingress("shop", "debug", Arr(IngressRule("debug.shop.example.com", "frontend", 80))), level: "Metadata",
            note: "Ingress created, logged without bodies");
        b.Create(Next(), Alice, Ingress("shop", "canary-x7k2q", Arr(IngressRule("canary.shop.example.com", "frontend", 80))), level: "Metadata", generateName: true,
            note: "Ingress created by generateName without bodies: named *");
        b.Create(Next(), Alice, Service("shop", "checkout-lb", "LoadBalancer", Map(("app", "checkoutservice")), 443, 5050, nodePort: 31443), note: "LoadBalancer create");
        b.Patch(Next(), ServiceController, ApiResource.Services, "shop", "checkout-lb", PatchKind.Merge, LoadBalancerStatus("198.51.100.40"), subresource: "status",
            note: "the load balancer's address: a status write");
        b.Patch(Next(), IngressController, ApiResource.Ingresses, "shop", "frontend", PatchKind.Merge, LoadBalancerStatus("198.51.100.41"), subresource: "status",
            note: "the Ingress's address: a status write");
        b.Patch(Next(), DeploymentController, ApiResource.Deployments, "shop", "loadgenerator", PatchKind.Merge,
            Obj(("status", Obj(("replicas", 1), ("readyReplicas", 1), ("observedGeneration", 2)))), subresource: "status", note: "replica counts: a status write");

        // Server-side apply creating its objects (a patch answered 201 Created), logged at Request level: no response.
        b.Apply(Next(), Mallory, PolicyCatalog.Policy("data", "allow-shop-redis", PodSelector(("app", "redis-cart")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "shop"), ("app", "frontend"))], Port(6379)))), note: "server-side apply creating a policy");
        b.Apply(Next(), Alice, Service("shop", "frontend-applied", "NodePort", Map(("app", "frontend")), 80, 8080, nodePort: 30082), fieldManager: "helm",
            note: "server-side apply creating a NodePort Service");
        b.Apply(Next(), Mallory, Pod("dev", "applied-debug", Map(("app", "applied-debug")), hostNetwork: true, node: "worker-1"),
            note: "server-side apply creating a pod on the host network");
    }

    private static JsonObject LoadBalancerStatus(string ip) => Obj(("status", Obj(("loadBalancer", Obj(("ingress", Arr(Obj(("ip", ip)))))))));
}
