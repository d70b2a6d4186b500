using System.Text;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>
/// GKE's Kubernetes audit logs as Cloud Logging entries (one per line, as a log sink to Cloud Storage writes
/// them): protoPayload is a google.cloud.audit.AuditLog with methodName
/// <c>io.k8s.GROUP.VERSION.RESOURCE[.SUBRESOURCE].VERB</c> (the group's DNS labels reversed, core as
/// <c>core</c>: io.k8s.networking.v1..., io.k8s.authorization.rbac.v1...), resourceName
/// <c>GROUP/VERSION/namespaces/NS/RESOURCE/NAME</c>, authenticationInfo.principalEmail, requestMetadata.callerIp,
/// a gRPC status (OK is often written as an empty object), request and response with an <c>@type</c>;
/// operation.id is the auditID, and a long-running request has a first and a last entry. GKE logs no
/// RequestReceived stage, no request URI (so no dry-run marker but the one in a delete's options), no Panic stage
/// and no non-resource requests: those requests are left out of this wrapper. Cloud Logging's request is a Struct, so a JSON Patch array cannot be
/// carried: such entries carry the patched object as response instead.
/// </summary>
public sealed class GkeWrapper : AuditWrapper
{
    public override string Id => "gke";
    public override string FileName => "gke-logging.json";

    public override bool Expresses(AuditRequest request) =>
        request.Resource is not null && (!request.DryRun || request.DryRunInBody) && !request.Stages.Contains("Panic");

    public override string Write(IReadOnlyList<LoggedEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in Entries(events))
            text.Append(Line(Entry(e.Request, e.Stage))).Append('\n');
        return text.ToString();
    }

    public override int EventCount(IReadOnlyList<LoggedEvent> events) => Entries(events).Count();

    private static IEnumerable<LoggedEvent> Entries(IReadOnlyList<LoggedEvent> events) => events.Where(e => e.Stage != "RequestReceived");

    /// <summary>The method name: the group's labels reversed under io.k8s (core for the core group).</summary>
    public static string MethodName(AuditRequest r)
    {
        var group = r.Resource!.Group;
        var reversed = group.Length == 0 ? "core"
            : group.EndsWith(".k8s.io", StringComparison.Ordinal) ? string.Join('.', group[..^".k8s.io".Length].Split('.').Reverse())
            : group;
        return $"io.k8s.{reversed}.{r.Resource.Version}.{r.Resource.Resource}{(r.Subresource is null ? "" : "." + r.Subresource)}.{r.Verb}";
    }

    public static string ResourceName(AuditRequest r)
    {
        var res = r.Resource!;
        // Like objectRef: a generateName create names the collection; the name is in the response.
        var name = r.Name;
        var path = $"{(res.Group.Length == 0 ? "core" : res.Group)}/{res.Version}" + (res.Namespaced && r.Namespace is not null ? $"/namespaces/{r.Namespace}" : "") + "/" + res.Resource;
        if (name is not null)
            path += "/" + name;
        if (r.Subresource is not null)
            path += "/" + r.Subresource;
        return path;
    }

    /// <summary>gRPC status for an HTTP status, as Cloud Audit Logs records it.</summary>
    public static int GrpcCode(AuditRequest r) => r.Code switch
    {
        < 400 => 0,
        400 or 422 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        409 => r.Verb == "create" ? 6 : 10,
        429 => 8,
        _ => 13,
    };

    private static JsonObject Entry(AuditRequest r, string stage)
    {
        var last = stage == "ResponseComplete";
        var method = MethodName(r);
        var resourceName = ResourceName(r);
        var code = GrpcCode(r);
        // OK is usually omitted from the JSON export (proto3 default); half the entries spell it out.
        JsonObject status = code == 0 ? (r.AuditId[1] % 2 == 0 ? new JsonObject() : Obj(("code", 0)))
            : Obj(("code", code), ("message", (r.ResponseBody as JsonObject)?["message"]?.GetValue<string>() ?? "Forbidden"));
        var responseBody = r.ResponseBody;
        if (responseBody is null && r.RequestBody is JsonArray && r.After is not null && r.Applied)
            responseBody = r.After;
        var payload = Obj(
            ("@type", "type.googleapis.com/google.cloud.audit.AuditLog"),
            ("authenticationInfo", Obj(("principalEmail", r.User.Username))),
            ("authorizationInfo", Arr(Obj(("granted", r.Decision == "allow"), ("permission", method), ("resource", resourceName)))),
            ("methodName", method),
            ("requestMetadata", Obj(("callerIp", r.SourceIp), ("callerSuppliedUserAgent", r.UserAgent))),
            ("resourceName", resourceName),
            ("serviceName", "k8s.io"),
            ("status", status),
            ("request", r.RequestBody is JsonObject request ? Typed(request, r) : null),
            ("response", last && responseBody is JsonObject response ? Typed(response, r) : null));
        var write = r.IsWrite || r.Subresource is "exec" or "attach" or "portforward";
        return Obj(
            ("protoPayload", payload),
            ("insertId", r.AuditId[..8] + (last ? "-b" : "-a")),
            ("resource", Obj(("type", "k8s_cluster"), ("labels", Obj(("project_id", "acme-prod"), ("location", "europe-west1"), ("cluster_name", "prod-1"))))),
            ("timestamp", AuditEventJson.Timestamp(r.Time)),
            ("severity", r.Failed ? "WARNING" : "NOTICE"),
            ("labels", Obj(("authorization.k8s.io/decision", r.Decision), ("authorization.k8s.io/reason", ""))),
            ("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2F" + (write ? "activity" : "data_access")),
            ("operation", Obj(("id", r.AuditId), ("producer", "k8s.io"), ("first", stage != "ResponseComplete" || !r.Stages.Contains("ResponseStarted")), ("last", last))),
            ("receiveTimestamp", AuditEventJson.Timestamp(AuditEventJson.StageTime(r, stage).AddMilliseconds(850))));
    }

    /// <summary>A body with the <c>@type</c> GKE adds (<c>GROUP.k8s.io/VERSION.Kind</c>, core as core.k8s.io).</summary>
    private static JsonObject Typed(JsonObject body, AuditRequest r)
    {
        var copy = new JsonObject { ["@type"] = TypeOf(body, r) };
        foreach (var (key, value) in body)
            copy[key] = value?.DeepClone();
        return copy;
    }

    private static string TypeOf(JsonObject body, AuditRequest r)
    {
        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (kind is null || apiVersion is null)
            return r.Patch == PatchKind.None ? "k8s.io/Unknown" : "k8s.io/Patch";
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "core" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return $"{(group.Contains('.', StringComparison.Ordinal) ? group : group + ".k8s.io")}/{version}.{kind}";
    }
}
