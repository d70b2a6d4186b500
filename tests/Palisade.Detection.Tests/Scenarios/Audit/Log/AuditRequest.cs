using System.Text.Json.Nodes;

namespace Palisade.Detection.Tests.Scenarios.Audit.Log;

/// <summary>
/// One API request as the generator knows it: what the audit Events of its stages say, and the object
/// before and after it (the generator's own replay, used only by the label oracle).
/// </summary>
public sealed class AuditRequest
{
    public required string AuditId { get; init; }

    /// <summary>requestReceivedTimestamp (GKE: the entry's timestamp).</summary>
    public required DateTimeOffset Time { get; init; }

    public required AuditUser User { get; init; }
    public required string Verb { get; init; }

    /// <summary>Null for a non-resource request (<see cref="Path"/>).</summary>
    public ApiResource? Resource { get; init; }

    public string? Subresource { get; init; }
    public string? Namespace { get; init; }

    /// <summary>objectRef.name: null for a collection or a generateName create.</summary>
    public string? Name { get; init; }

    /// <summary>The path of a non-resource request (/healthz, /version).</summary>
    public string? Path { get; init; }

    /// <summary>Query parameters after the path, without <c>dryRun</c> (added when <see cref="DryRun"/>).</summary>
    public string? Query { get; init; }

    public string Level { get; init; } = "RequestResponse";
    public int Code { get; init; } = 200;
    public bool DryRun { get; init; }

    /// <summary>A dry run asked for in the DeleteOptions body (kubectl delete --dry-run=server), not in the query.</summary>
    public bool DryRunInBody { get; init; }
    public PatchKind Patch { get; init; }

    /// <summary>requestObject: the object, or the patch body (object or JSON Patch array).</summary>
    public JsonNode? RequestBody { get; init; }

    /// <summary>responseObject (a Status for failures), or null when the audit policy did not log it.</summary>
    public JsonNode? ResponseBody { get; init; }

    public string UserAgent { get; init; } = "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46";
    public string SourceIp { get; init; } = "192.168.77.12";

    /// <summary>The stages logged, in order; ResponseStarted only for long-running requests (watch, exec).</summary>
    public IReadOnlyList<string> Stages { get; init; } = ["RequestReceived", "ResponseComplete"];

    /// <summary>The object before the request, from the generator's replay (null: absent).</summary>
    public JsonObject? Before { get; set; }

    /// <summary>The object after the request, from the generator's replay (null: absent or deleted).</summary>
    public JsonObject? After { get; set; }

    /// <summary>Indices into the builder's state history: the state in force before and after the request.</summary>
    public int StateBefore { get; set; }
    public int StateAfter { get; set; }

    /// <summary>Whether the generator replays the write (false for lease renewals, Events and other churn no rule reads).</summary>
    public bool Replayed { get; set; } = true;

    /// <summary>Why the request is in the scenario, for whoever reads a miss.</summary>
    public string Note { get; init; } = "";

    /// <summary>authorization.k8s.io/decision: forbid for 403, else allow.</summary>
    public string Decision => Code == 403 ? "forbid" : "allow";

    public static readonly IReadOnlySet<string> WriteVerbs = new HashSet<string> { "create", "update", "patch", "delete", "deletecollection" };

    public bool IsWrite => WriteVerbs.Contains(Verb);
    public bool Failed => Code >= 400;

    /// <summary>Whether the request changed the cluster: an allowed, successful write that was not a dry run.</summary>
    public bool Applied => IsWrite && !Failed && !DryRun;

    /// <summary>A write to the object itself (not a subresource such as pods/status or pods/binding).</summary>
    public bool WritesObject => IsWrite && Subresource is null && Resource is not null;

    /// <summary>The name the contract reports: objectRef.name, else the responseObject's name for a create.</summary>
    public string? ReportedName => Name ?? (Verb == "create" ? (ResponseBody as JsonObject)?["metadata"]?["name"]?.GetValue<string>() : null);

    /// <summary>The contract's <c>object</c>: <c>Kind ns/name</c>, <c>Kind name</c>, <c>*</c> for collections.</summary>
    public string ObjectName
    {
        get
        {
            var r = Resource ?? throw new InvalidOperationException("a non-resource request names no object");
            var name = ReportedName ?? "*";
            return r.Namespaced ? $"{r.Kind} {Namespace ?? "*"}/{name}" : $"{r.Kind} {name}";
        }
    }

    /// <summary>The request URI as the API server logs it.</summary>
    public string Uri
    {
        get
        {
            var query = new List<string>();
            if (DryRun && !DryRunInBody)
                query.Add("dryRun=All");
            if (!string.IsNullOrEmpty(Query))
                query.Add(Query);
            var suffix = query.Count == 0 ? "" : "?" + string.Join("&", query);
            if (Resource is null)
                return Path + suffix;
            var path = Resource.PathPrefix + (Resource.Namespaced && Namespace is not null ? $"/namespaces/{Namespace}" : "") + "/" + Resource.Resource;
            if (Name is not null)
                path += "/" + Name;
            if (Subresource is not null)
                path += "/" + Subresource;
            return path + suffix;
        }
    }

    public override string ToString() => $"{Time:HH:mm:ss.fff} {User} {Verb} {(Resource is null ? Path : ObjectName)}{(Subresource is null ? "" : "/" + Subresource)} {Code}{(DryRun ? " dry-run" : "")}";
}
