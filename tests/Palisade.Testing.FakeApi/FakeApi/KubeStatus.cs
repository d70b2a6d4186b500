using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// The <c>Status</c> bodies of failed requests, worded and ordered as kube-apiserver writes them (the e2e tests
/// compare the forbidden one with a real server's).
/// </summary>
public static class KubeStatus
{
    /// <summary>401: no credentials, or ones the server does not know.</summary>
    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    /// <summary>403 from the RBAC authorizer for the user's request.</summary>
    public static JsonObject Forbidden(FakeRequest request)
    {
        var resource = request.Resource ?? throw new ArgumentException("only resource requests are forbidden", nameof(request));
        var target = request.Name is null ? resource.QualifiedName : $"{resource.QualifiedName} \"{request.Name}\"";
        var scope = request.Namespace is null ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
        var message = $"{target} is forbidden: User \"{request.User}\" cannot {request.Verb} resource \"{resource.Plural}\" " +
            $"in API group \"{resource.Group}\" {scope}";
        return Failure(403, "Forbidden", message, Details(resource, request.Name));
    }

    /// <summary>404 for one object that does not exist.</summary>
    public static JsonObject NotFound(FakeResource resource, string name) =>
        Failure(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", Details(resource, name));

    /// <summary>400 for a request the server cannot make sense of.</summary>
    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message);

    /// <summary>410 for a continue token whose snapshot is gone (etcd compacted it).</summary>
    public static JsonObject ContinueExpired() => Failure(410, "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list " +
        "without the continue parameter.");

    /// <summary>410 inside a watch stream: the resourceVersion asked for is older than the server keeps.</summary>
    public static JsonObject WatchExpired(string? requested, long current) =>
        Failure(410, "Expired", $"too old resource version: {requested ?? "0"} ({current})");

    /// <summary>Any failure: the fields of metav1.Status in the order the server writes them.</summary>
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
            status["details"] = details;
        status["code"] = code;
        return status;
    }

    private static JsonObject Details(FakeResource resource, string? name)
    {
        var details = new JsonObject();
        if (name is not null)
            details["name"] = name;
        if (resource.Group.Length > 0)
            details["group"] = resource.Group;
        details["kind"] = resource.Plural;
        return details;
    }
}
