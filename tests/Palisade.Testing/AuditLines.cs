using System.Text.Json.Nodes;

namespace Palisade.Testing;

/// <summary>
/// Audit events (audit.k8s.io/v1 <c>Event</c>) written by hand as the API server's log backend writes them, one
/// JSON line each, for the replay, rule and command tests. Times are on 2024-05-01, given as <c>HH:mm</c> or
/// <c>HH:mm:ss.ffffff</c>; bodies are JSON text.
/// </summary>
public static class AuditLines
{
    private static int _next;

    /// <summary>
    /// One event, as a line (without its newline); <paramref name="impersonating"/> is the user it impersonated,
    /// <paramref name="userAgent"/> the client as it named itself (kubectl by default).
    /// </summary>
    public static string Event(
        string verb, string resource, string? ns = null, string? name = null, string? subresource = null,
        string user = "mallory", string[]? groups = null, string at = "03:00", string? request = null, string? response = null,
        string level = "RequestResponse", int? code = 200, string? query = null, string? id = null, string stage = "ResponseComplete",
        string decision = "allow", string? resourceVersion = null, string? impersonating = null, string userAgent = "kubectl/v1.31.0")
    {
        var (group, version) = GroupOf(resource);
        var objectRef = new JsonObject { ["resource"] = resource };
        if (ns is not null)
            objectRef["namespace"] = ns;
        if (name is not null)
            objectRef["name"] = name;
        if (subresource is not null)
            objectRef["subresource"] = subresource;
        if (group.Length > 0)
            objectRef["apiGroup"] = group;
        objectRef["apiVersion"] = version;
        if (resourceVersion is not null)
            objectRef["resourceVersion"] = resourceVersion;
        var e = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = level,
            ["auditID"] = id ?? $"req-{Interlocked.Increment(ref _next)}",
            ["stage"] = stage,
            ["requestURI"] = Uri(group, version, resource, ns, name, subresource, query),
            ["verb"] = verb,
            ["user"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray([.. (groups ?? ["system:authenticated"]).Select(g => (JsonNode)g)]) },
            ["sourceIPs"] = new JsonArray("192.0.2.10"),
            ["userAgent"] = userAgent,
            ["objectRef"] = objectRef,
        };
        if (impersonating is not null)
            e["impersonatedUser"] = new JsonObject { ["username"] = impersonating, ["groups"] = new JsonArray("system:authenticated") };
        if (code is { } status)
            e["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = status };
        if (request is not null)
            e["requestObject"] = JsonNode.Parse(request);
        if (response is not null)
            e["responseObject"] = JsonNode.Parse(response);
        e["requestReceivedTimestamp"] = Time(at);
        e["stageTimestamp"] = Time(at);
        e["annotations"] = new JsonObject { ["authorization.k8s.io/decision"] = decision, ["authorization.k8s.io/reason"] = "" };
        return e.ToJsonString();
    }

    /// <summary>A non-resource request (<c>/healthz</c>, <c>/version</c>).</summary>
    public static string NonResource(string path, string verb = "get", string user = "system:anonymous", string[]? groups = null, string at = "03:00", int code = 200) =>
        new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = $"req-{Interlocked.Increment(ref _next)}",
            ["stage"] = "ResponseComplete",
            ["requestURI"] = path,
            ["verb"] = verb,
            ["user"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray([.. (groups ?? ["system:unauthenticated"]).Select(g => (JsonNode)g)]) },
            ["sourceIPs"] = new JsonArray("198.51.100.7"),
            ["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = code },
            ["requestReceivedTimestamp"] = Time(at),
            ["stageTimestamp"] = Time(at),
            ["annotations"] = new JsonObject { ["authorization.k8s.io/decision"] = "allow", ["authorization.k8s.io/reason"] = "" },
        }.ToJsonString();

    /// <summary><c>HH:mm</c> or <c>HH:mm:ss[.ffffff]</c> on 2024-05-01, in UTC, as the API server writes it.</summary>
    public static string Time(string at) => $"2024-05-01T{(at.Length == 5 ? at + ":00" : at)}Z";

    /// <summary>The lines as a log file's text.</summary>
    public static string Log(params string[] lines) => string.Join("\n", lines) + "\n";

    private static (string Group, string Version) GroupOf(string resource) => resource switch
    {
        "networkpolicies" or "ingresses" => ("networking.k8s.io", "v1"),
        "adminnetworkpolicies" or "baselineadminnetworkpolicies" => ("policy.networking.k8s.io", "v1alpha1"),
        "clusternetworkpolicies" => ("policy.networking.k8s.io", "v1alpha2"),
        "deployments" or "daemonsets" or "statefulsets" or "replicasets" => ("apps", "v1"),
        "jobs" or "cronjobs" => ("batch", "v1"),
        "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings" => ("rbac.authorization.k8s.io", "v1"),
        _ => ("", "v1"),
    };

    private static string Uri(string group, string version, string resource, string? ns, string? name, string? subresource, string? query)
    {
        var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        if (ns is not null)
            path += $"/namespaces/{ns}";
        path += $"/{resource}";
        if (name is not null)
            path += $"/{name}";
        if (subresource is not null)
            path += $"/{subresource}";
        return query is null ? path : $"{path}?{query}";
    }
}
