using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// The API server's audit log (log backend, JSON lines of audit.k8s.io/v1 Events at ResponseComplete) with
/// the scenario's NetworkPolicy writes among reads that change nothing. A failed write carries a Status as
/// its responseObject; a dry run is marked only by <c>dryRun=All</c> in its requestURI, as the API server
/// logs it.
/// </summary>
public static class AuditLogWriter
{
    /// <summary>Microsecond RFC 3339, as the API server writes audit timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Write(IReadOnlyList<AuditWrite> writes, DateTimeOffset start)
    {
        var events = new List<(DateTimeOffset Time, JsonObject Event)>();
        events.Add((start.AddSeconds(12), Read(start.AddSeconds(12), "alice", "list", "pods", "shop", null)));
        events.Add((start.AddSeconds(95), Read(start.AddSeconds(95), "system:serviceaccount:kube-system:namespace-controller", "list", "networkpolicies", "payments", null)));
        events.Add((start.AddSeconds(181), Read(start.AddSeconds(181), "mallory", "get", "networkpolicies", "data", "default-deny-ingress")));
        events.AddRange(writes.Select(w => (w.Time, Write(w))));
        var text = new StringBuilder();
        foreach (var (_, e) in events.OrderBy(e => e.Time))
            text.Append(Line(e)).Append('\n');
        return text.ToString();
    }

    private static JsonObject Write(AuditWrite w)
    {
        var collection = $"/apis/networking.k8s.io/v1/namespaces/{w.Namespace}/networkpolicies";
        var uri = (w.Verb == "create" ? collection : $"{collection}/{w.Name}") + (w.DryRun ? "?dryRun=All&fieldManager=kubectl-client-side-apply" : "?fieldManager=kubectl-client-side-apply");
        JsonObject? request = w.Policy is null ? null : w.Verb == "patch" ? Obj(("spec", Copy((JsonObject)w.Policy["spec"]!))) : Copy(w.Policy);
        JsonObject? response;
        JsonObject status;
        if (w.Code >= 400)
        {
            var message = $"networkpolicies.networking.k8s.io is forbidden: User \"{w.User}\" cannot {w.Verb} resource \"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"{w.Namespace}\"";
            status = Obj(("metadata", new JsonObject()), ("status", "Failure"), ("message", message), ("reason", "Forbidden"), ("code", w.Code));
            response = Obj(("kind", "Status"), ("apiVersion", "v1"), ("metadata", new JsonObject()), ("status", "Failure"), ("message", message),
                ("reason", "Forbidden"), ("details", Obj(("group", "networking.k8s.io"), ("kind", "networkpolicies"))), ("code", w.Code));
        }
        else
        {
            status = Obj(("metadata", new JsonObject()), ("code", w.Code));
            response = w.Policy is null ? null : Stored(w);
        }
        return Obj(
            ("kind", "Event"), ("apiVersion", "audit.k8s.io/v1"), ("level", "RequestResponse"),
            ("auditID", AuditId(w.Time, w.User)), ("stage", "ResponseComplete"), ("requestURI", uri), ("verb", w.Verb),
            ("user", User(w.User)), ("sourceIPs", Arr("192.168.77.12")), ("userAgent", "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46"),
            ("objectRef", Obj(("resource", "networkpolicies"), ("namespace", w.Namespace), ("name", w.Name),
                ("apiGroup", "networking.k8s.io"), ("apiVersion", "v1"))),
            ("responseStatus", status), ("requestObject", request), ("responseObject", response),
            ("requestReceivedTimestamp", Timestamp(w.Time)), ("stageTimestamp", Timestamp(w.Time.AddMilliseconds(14))),
            ("annotations", Obj(("authorization.k8s.io/decision", w.Code == 403 ? "forbid" : "allow"),
                ("authorization.k8s.io/reason", w.Code == 403 ? "" : $"RBAC: allowed by RoleBinding \"netpol-editors/{w.Namespace}\" of Role \"netpol-editor\" to User \"{w.User}\""))));
    }

    /// <summary>The object as the API server stores it: server-set metadata added.</summary>
    private static JsonObject Stored(AuditWrite w)
    {
        var stored = Copy(w.Policy!);
        var meta = (JsonObject)stored["metadata"]!;
        meta["uid"] = AuditId(w.Time, w.Name);
        meta["resourceVersion"] = (w.Time.ToUnixTimeSeconds() % 1000000).ToString(CultureInfo.InvariantCulture);
        meta["generation"] = w.Verb == "create" ? 1 : 2;
        meta["creationTimestamp"] = w.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return stored;
    }

    private static JsonObject Read(DateTimeOffset time, string user, string verb, string resource, string ns, string? name) =>
        Obj(("kind", "Event"), ("apiVersion", "audit.k8s.io/v1"), ("level", "Metadata"), ("auditID", AuditId(time, user)), ("stage", "ResponseComplete"),
            ("requestURI", $"/api{(resource == "pods" ? "" : "s/networking.k8s.io")}/v1/namespaces/{ns}/{resource}{(name is null ? "?limit=500" : "/" + name)}"),
            ("verb", verb), ("user", User(user)), ("sourceIPs", Arr("192.168.77.12")), ("userAgent", "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46"),
            ("objectRef", Obj(("resource", resource), ("namespace", ns), ("name", name), ("apiGroup", resource == "pods" ? null : "networking.k8s.io"), ("apiVersion", "v1"))),
            ("responseStatus", Obj(("metadata", new JsonObject()), ("code", 200))),
            ("requestReceivedTimestamp", Timestamp(time)), ("stageTimestamp", Timestamp(time.AddMilliseconds(6))),
            ("annotations", Obj(("authorization.k8s.io/decision", "allow"), ("authorization.k8s.io/reason", "RBAC: allowed"))));

    private static JsonObject User(string name) =>
        name.StartsWith("system:serviceaccount:", StringComparison.Ordinal)
            ? Obj(("username", name), ("groups", Arr("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated")))
            : Obj(("username", name), ("groups", Arr("developers", "system:authenticated")));

    private static string AuditId(DateTimeOffset time, string salt) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{time.UtcTicks}/{salt}"))[..16]).ToString();
}
