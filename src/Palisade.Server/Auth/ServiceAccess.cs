using Microsoft.AspNetCore.Http;
using Palisade.Kubernetes.Access;

namespace Palisade.Server.Auth;

/// <summary>
/// The resource of the <c>palisade.io</c> API group a request uses, for SubjectAccessReview: <c>/api/v1/alerts</c> is
/// <c>alerts</c>, <c>/api/v1/ingest/audit</c> is <c>ingest/audit</c>, <c>/metrics</c> is <c>metrics</c>, anything
/// else (the dashboard) is <c>dashboard</c>; GET and HEAD are <c>get</c>, POST is <c>create</c>, and the server-sent
/// event streams <c>/api/v1/changes/stream</c> and <c>/api/v1/alerts/stream</c> are <c>watch</c> on <c>changes</c> and
/// <c>alerts</c>, and <c>/api/v1/changes/42</c> is
/// <c>get</c> on <c>changes</c>.
/// </summary>
public static class ServiceAccess
{
    /// <summary>The API group ClusterRoles name to grant access to the service.</summary>
    public const string Group = "palisade.io";

    private const string ApiPrefix = "/api/v1/";

    /// <summary>The access the request needs.</summary>
    public static AccessRequest Of(string method, PathString path)
    {
        var verb = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "get"
            : HttpMethods.IsPost(method) ? "create"
            : method.ToLowerInvariant();
        // Lower case, as routing matches paths whatever their case: /API/V1/ALERTS must not pass as the dashboard.
        var value = (path.Value ?? "/").ToLowerInvariant();
        if (value == "/metrics")
            return new AccessRequest(Group, "metrics", null, verb);
        if (!value.StartsWith(ApiPrefix, StringComparison.Ordinal) || value.Length == ApiPrefix.Length)
            return new AccessRequest(Group, "dashboard", null, verb);
        var rest = value.AsSpan(ApiPrefix.Length).TrimEnd('/');
        var slash = rest.IndexOf('/');
        if (slash < 0)
            return new AccessRequest(Group, rest.ToString(), null, verb);
        var resource = rest[..slash].ToString();
        var sub = rest[(slash + 1)..];
        var next = sub.IndexOf('/');
        sub = next < 0 ? sub : sub[..next];
        if (verb == "get" && sub.SequenceEqual("stream"))
            return new AccessRequest(Group, resource, null, "watch");
        // Only ingestion has subresources (one per source); /api/v1/changes/{sequence} reads a change like a named object.
        return new AccessRequest(Group, resource, resource == "ingest" ? sub.ToString() : null, verb);
    }
}
