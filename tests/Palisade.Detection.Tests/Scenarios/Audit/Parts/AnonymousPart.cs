using Palisade.Detection.Tests.Scenarios.Audit.Log;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// anonymous-access: allowed resource requests by system:anonymous (a get, a list, kubeadm's public
/// cluster-info ConfigMap, a namespace created). Nothing for health and version paths, or for anonymous
/// requests that were denied (403) or unauthenticated (401).
/// </summary>
public static class AnonymousPart
{
    public static void Add(AuditLogBuilder b, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 15);
        var anonymous = AuditUser.Anonymous;

        b.Read(Next(), anonymous, "get", ApiResource.Namespaces, null, "kube-system", userAgent: "curl/8.5.0", note: "anonymous get");
        b.Read(Next(), anonymous, "list", ApiResource.Pods, "shop", null, userAgent: "curl/8.5.0", note: "anonymous list");
        b.Read(Next(), anonymous, "get", ApiResource.ConfigMaps, "kube-public", "cluster-info", userAgent: "kubeadm/v1.31.2", note: "anonymous cluster-info");
        b.Create(Next(), anonymous, Meta("crypto-miner").Pipe(m => Obj(("apiVersion", "v1"), ("kind", "Namespace"), ("metadata", m))), userAgent: "curl/8.5.0", note: "anonymous create");
        foreach (var path in new[] { "/healthz", "/livez", "/readyz?verbose", "/version" })
            b.NonResource(Next(), anonymous, path, note: "health and version paths");
        b.Read(Next(), anonymous, "get", ApiResource.Secrets, "kube-system", "cloud-provider-credentials", code: 403, userAgent: "curl/8.5.0", note: "denied");
        b.Read(Next(), anonymous, "list", ApiResource.Nodes, null, null, code: 401, userAgent: "curl/8.5.0", note: "unauthenticated");
    }

    private static T Pipe<T>(this System.Text.Json.Nodes.JsonObject o, Func<System.Text.Json.Nodes.JsonObject, T> f) => f(o);
}
