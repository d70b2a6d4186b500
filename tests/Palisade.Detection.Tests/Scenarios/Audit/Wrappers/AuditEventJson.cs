using System.Globalization;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>
/// The audit.k8s.io/v1 Event of one stage of a request, as the API server writes it. RequestReceived is
/// logged before authorization and completion, so it has no responseStatus, no responseObject and no
/// authorization annotations; the response body appears only at ResponseComplete.
/// </summary>
public static class AuditEventJson
{
    /// <summary>Microsecond RFC 3339, as the API server writes audit timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>When a stage was logged: a few milliseconds apart, seconds for the end of a long-running request.</summary>
    public static DateTimeOffset StageTime(AuditRequest r, string stage) => stage switch
    {
        "RequestReceived" => r.Time,
        "ResponseStarted" => r.Time.AddMilliseconds(9),
        _ => r.Stages.Contains("ResponseStarted") ? r.Time.AddSeconds(r.Verb == "watch" ? 540 : 37) : r.Time.AddMilliseconds(4 + (r.AuditId[0] % 20)),
    };

    public static JsonObject Event(AuditRequest r, string stage)
    {
        var received = stage == "RequestReceived";
        var final = stage == "ResponseComplete";
        JsonObject? objectRef = r.Resource is null ? null : Obj(
            ("resource", r.Resource.Resource), ("namespace", r.Namespace), ("name", r.Name),
            ("apiGroup", r.Resource.Group.Length == 0 ? null : r.Resource.Group), ("apiVersion", r.Resource.Version), ("subresource", r.Subresource));
        JsonObject? status = received ? null : ResponseStatus(r);
        JsonObject? annotations = received ? null : Obj(("authorization.k8s.io/decision", r.Decision), ("authorization.k8s.io/reason", Reason(r)));
        return Obj(
            ("kind", "Event"), ("apiVersion", "audit.k8s.io/v1"), ("level", r.Level), ("auditID", r.AuditId), ("stage", stage),
            ("requestURI", r.Uri), ("verb", r.Verb),
            ("user", Obj(("username", r.User.Username), ("groups", Arr(r.User.Groups.Select(g => (JsonNode?)g))))),
            ("sourceIPs", Arr(r.SourceIp)), ("userAgent", r.UserAgent), ("objectRef", objectRef), ("responseStatus", status),
            ("requestObject", r.RequestBody is null ? null : r.RequestBody.DeepClone()),
            ("responseObject", final && r.ResponseBody is not null ? r.ResponseBody.DeepClone() : null),
            ("requestReceivedTimestamp", Timestamp(r.Time)), ("stageTimestamp", Timestamp(StageTime(r, stage))),
            ("annotations", annotations));
    }

    private static JsonObject ResponseStatus(AuditRequest r)
    {
        if (!r.Failed)
            return Obj(("metadata", new JsonObject()), ("code", r.Code));
        var status = (r.ResponseBody as JsonObject)?["reason"]?.GetValue<string>() ?? "Forbidden";
        return Obj(("metadata", new JsonObject()), ("status", "Failure"), ("reason", status), ("code", r.Code));
    }

    private static string Reason(AuditRequest r) =>
        r.Code == 403 ? "" : r.User.IsAnonymous ? (r.Resource is null ? "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\"" : "RBAC: allowed by ClusterRoleBinding \"debug-anonymous\" of ClusterRole \"view\" to User \"system:anonymous\"")
            : $"RBAC: allowed by ClusterRoleBinding \"platform-operators\" of ClusterRole \"cluster-admin\" to User \"{r.User.Username}\"";
}
