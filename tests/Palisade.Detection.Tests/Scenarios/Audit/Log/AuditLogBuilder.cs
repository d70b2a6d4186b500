using System.Globalization;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Log;

/// <summary>
/// Builds a scenario's API requests in time order and replays each applied write onto the state, keeping
/// every state: the label oracle reads the object before and after each request and the state in force at
/// any time. Writes must be added in time order (a patch is applied to the state its time sees); reads,
/// which change nothing, may be added at any time.
/// </summary>
public sealed class AuditLogBuilder
{
    private readonly List<AuditRequest> _requests = [];
    private readonly List<ClusterState> _states = [];
    private readonly List<DateTimeOffset> _stateTimes = [];
    private DateTimeOffset _lastWrite;
    private int _resourceVersion = 48200;

    public AuditLogBuilder(ClusterState initial, int seed, DateTimeOffset start)
    {
        _states.Add(initial);
        _stateTimes.Add(DateTimeOffset.MinValue);
        Random = ScenarioSeed.Random(seed);
        Start = start;
        _lastWrite = start;
    }

    public Random Random { get; }
    public DateTimeOffset Start { get; }
    public ClusterState Current => _states[^1];
    public IReadOnlyList<ClusterState> States => _states;
    public IReadOnlyList<AuditRequest> Requests => _requests;

    /// <summary>The state in force at a time: after every applied write received before it.</summary>
    public ClusterState StateAt(DateTimeOffset time)
    {
        var index = 0;
        for (var i = 1; i < _stateTimes.Count && _stateTimes[i] <= time; i++)
            index = i;
        return _states[index];
    }

    /// <summary>The time of the state (<see cref="AuditRequest.StateAfter"/>) change, MinValue for the initial state.</summary>
    public DateTimeOffset StateTime(int index) => _stateTimes[index];

    /// <summary>A time <paramref name="seconds"/> after the start, with up to a second of jitter.</summary>
    public DateTimeOffset At(double seconds) => Start.AddSeconds(seconds).AddMicroseconds(Random.Next(1_000_000));

    public AuditRequest Create(DateTimeOffset time, AuditUser user, JsonObject obj, int code = 201, bool dryRun = false,
        string level = "RequestResponse", bool generateName = false, bool logResponse = true, string note = "", string? userAgent = null, string? query = null,
        IReadOnlyList<string>? stages = null)
    {
        var resource = ApiResource.OfKind(Kind(obj));
        var (ns, name) = (Ns(obj), NameOf(obj));
        var before = Current.Get(resource, ns, name);
        var stored = Stored(obj, time, before: null);
        var request = Copy(obj);
        if (generateName)
        {
            var meta = (JsonObject)request["metadata"]!;
            meta.Remove("name");
            meta["generateName"] = name[..(name.LastIndexOf('-') + 1)];
            ((JsonObject)stored["metadata"]!)["generateName"] = meta["generateName"]!.GetValue<string>();
        }
        var r = Build(time, user, "create", resource, ns, generateName ? null : name, level, code, dryRun, request,
            code >= 400 ? Status(code, resource, name, user, "create") : logResponse ? stored : null, note, userAgent, query: query, stages: stages);
        return Commit(r, before, stored);
    }

    /// <summary>
    /// A server-side apply that creates its object (kubectl apply --server-side, Flux, Argo CD): a patch whose body is
    /// the applied configuration, answered 201 Created, logged at Request level by default (the body sent, no response).
    /// </summary>
    public AuditRequest Apply(DateTimeOffset time, AuditUser user, JsonObject obj, string level = "Request", string note = "", string fieldManager = "kubectl")
    {
        var resource = ApiResource.OfKind(Kind(obj));
        var (ns, name) = (Ns(obj), NameOf(obj));
        if (Current.Get(resource, ns, name) is not null)
            throw new InvalidOperationException($"apply-create of an existing {resource} {ns}/{name}");
        var stored = Stored(obj, time, before: null);
        var r = Build(time, user, "patch", resource, ns, name, level, 201, false, Copy(obj), stored, note, null, PatchKind.Merge,
            query: $"fieldManager={fieldManager}&force=true");
        return Commit(r, null, stored);
    }

    public AuditRequest Update(DateTimeOffset time, AuditUser user, JsonObject obj, int code = 200, bool dryRun = false,
        string level = "RequestResponse", bool logResponse = true, string note = "", string? userAgent = null)
    {
        var resource = ApiResource.OfKind(Kind(obj));
        var (ns, name) = (Ns(obj), NameOf(obj));
        var before = Current.Get(resource, ns, name) ?? throw new InvalidOperationException($"update of an unknown {resource} {ns}/{name}");
        var stored = Stored(obj, time, before);
        var r = Build(time, user, "update", resource, ns, name, level, code, dryRun, Copy(obj),
            code >= 400 ? Status(code, resource, name, user, "update") : logResponse ? stored : null, note, userAgent);
        return Commit(r, before, stored);
    }

    public AuditRequest Patch(DateTimeOffset time, AuditUser user, ApiResource resource, string? ns, string name, PatchKind kind, JsonNode body,
        bool logResponse = true, int code = 200, bool dryRun = false, string level = "RequestResponse", string? subresource = null, string note = "",
        string? userAgent = null, string? query = null)
    {
        var before = Current.Get(resource, ns, name) ?? throw new InvalidOperationException($"patch of an unknown {resource} {ns}/{name}");
        var patched = JsonPatches.Apply(before, body, kind);
        var stored = Stored(patched, time, before);
        var r = Build(time, user, "patch", resource, ns, name, level, code, dryRun, Copy(body),
            code >= 400 ? Status(code, resource, name, user, "patch") : logResponse ? stored : null, note, userAgent, kind, subresource, query);
        return Commit(r, before, stored);
    }

    public AuditRequest Delete(DateTimeOffset time, AuditUser user, ApiResource resource, string? ns, string name, int code = 200,
        bool dryRun = false, string level = "RequestResponse", string note = "", bool dryRunInBody = false)
    {
        var before = Current.Get(resource, ns, name);
        if (before is null && code < 400)
            throw new InvalidOperationException($"delete of an unknown {resource} {ns}/{name}");
        JsonNode response = code >= 400 ? Status(code, resource, name, user, "delete")
            : Obj(("kind", "Status"), ("apiVersion", "v1"), ("metadata", new JsonObject()), ("status", "Success"),
                ("details", Obj(("name", name), ("group", resource.Group.Length == 0 ? null : resource.Group), ("kind", resource.Resource), ("uid", before!["metadata"]?["uid"]?.GetValue<string>()))));
        var options = Obj(("kind", "DeleteOptions"), ("apiVersion", "meta.k8s.io/__internal"), ("propagationPolicy", "Background"));
        if (dryRunInBody)
            options["dryRun"] = Arr("All");
        var r = Build(time, user, "delete", resource, ns, name, level, code, dryRun || dryRunInBody, options, response, note, dryRunInBody: dryRunInBody);
        return Commit(r, before, null);
    }

    /// <summary>deletecollection of every object of the resource in the namespace (no selector).</summary>
    public AuditRequest DeleteCollection(DateTimeOffset time, AuditUser user, ApiResource resource, string? ns, int code = 200, string level = "RequestResponse", string note = "")
    {
        var victims = Current.All(resource.Kind, resource.Namespaced ? ns : null).ToList();
        JsonNode response = code >= 400 ? Status(code, resource, "", user, "deletecollection")
            : Obj(("kind", resource.Kind + "List"), ("apiVersion", resource.ApiVersion), ("metadata", Obj(("resourceVersion", NextVersion()))),
                ("items", Arr(victims.Select(v => (JsonNode?)v))));
        var r = Build(time, user, "deletecollection", resource, ns, null, level, code, false, null, response, note);
        CheckWriteOrder(r);
        r.Before = null;
        r.After = null;
        r.StateBefore = _states.Count - 1;
        if (r.Applied)
            Push(Current.Without(victims.Select(ClusterState.Key)), time);
        r.StateAfter = _states.Count - 1;
        _requests.Add(r);
        return r;
    }

    /// <summary>get, list or watch; changes nothing.</summary>
    public AuditRequest Read(DateTimeOffset time, AuditUser user, string verb, ApiResource resource, string? ns, string? name, int code = 200,
        string level = "Metadata", string? subresource = null, string note = "", string? userAgent = null, string? query = null)
    {
        IReadOnlyList<string> stages = verb == "watch" && code < 400 ? ["RequestReceived", "ResponseStarted", "ResponseComplete"] : ["RequestReceived", "ResponseComplete"];
        var r = Build(time, user, verb, resource, ns, name, level, code, false, null, code >= 400 ? Status(code, resource, name ?? "", user, verb) : null, note, userAgent,
            subresource: subresource, query: query ?? (verb == "watch" ? "watch=true&timeoutSeconds=540" : name is null ? "limit=500" : null), stages: stages);
        return Record(r);
    }

    /// <summary>exec, attach or portforward: a connection upgrade (101) logged at ResponseStarted and ResponseComplete.</summary>
    public AuditRequest Connect(DateTimeOffset time, AuditUser user, string ns, string pod, string subresource, string verb = "create", int code = 101, string note = "", string? query = null)
    {
        IReadOnlyList<string> stages = code < 400 ? ["RequestReceived", "ResponseStarted", "ResponseComplete"] : ["RequestReceived", "ResponseComplete"];
        query ??= subresource switch
        {
            "exec" => "command=%2Fbin%2Fsh&container=main&stdin=true&stdout=true&tty=true",
            "attach" => "container=main&stdin=true&stdout=true&tty=true",
            _ => "ports=5432",
        };
        var r = Build(time, user, verb, ApiResource.Pods, ns, pod, "Metadata", code, false, null, code >= 400 ? Status(code, ApiResource.Pods, pod, user, verb) : null, note,
            subresource: subresource, query: query, stages: stages);
        return Record(r);
    }

    public AuditRequest NonResource(DateTimeOffset time, AuditUser user, string path, int code = 200, string note = "", string userAgent = "kube-probe/1.31")
    {
        var r = new AuditRequest
        {
            AuditId = NextId(), Time = time, User = user, Verb = "get", Path = path, Level = "Metadata", Code = code, Note = note, UserAgent = userAgent,
            SourceIp = "10.0.1.1", Stages = ["ResponseComplete"],
        };
        return Record(r);
    }

    /// <summary>
    /// A write the generator does not replay (lease renewals, Events, EndpointSlices, the scheduler's bindings):
    /// no rule reads those objects and they open nothing, so they may be added at any time.
    /// </summary>
    public AuditRequest Churn(DateTimeOffset time, AuditUser user, string verb, ApiResource resource, string? ns, string? name, JsonNode? body,
        string level = "Metadata", string? subresource = null, int code = 200, string note = "background")
    {
        var r = Build(time, user, verb, resource, ns, name, level, code, false, body, level == "RequestResponse" ? body : null, note,
            subresource: subresource, patch: verb == "patch" ? PatchKind.Merge : PatchKind.None);
        r.StateBefore = r.StateAfter = _states.Count - 1;
        r.Replayed = false;
        _requests.Add(r);
        return r;
    }

    /// <summary>Adds a request built elsewhere (reads only: it changes nothing).</summary>
    public AuditRequest Record(AuditRequest r)
    {
        if (r.Applied && r.Subresource is null)
            throw new InvalidOperationException("writes go through Create, Update, Patch or Delete");
        r.StateBefore = r.StateAfter = _states.Count - 1;
        _requests.Add(r);
        return r;
    }

    private AuditRequest Build(DateTimeOffset time, AuditUser user, string verb, ApiResource resource, string? ns, string? name, string level, int code, bool dryRun,
        JsonNode? request, JsonNode? response, string note, string? userAgent = null, PatchKind patch = PatchKind.None, string? subresource = null, string? query = null,
        IReadOnlyList<string>? stages = null, bool dryRunInBody = false) =>
        new()
        {
            AuditId = NextId(), Time = time, User = user, Verb = verb, Resource = resource, Namespace = resource.Namespaced ? ns : null, Name = name,
            Subresource = subresource, Level = level, Code = code, DryRun = dryRun, DryRunInBody = dryRunInBody, Patch = patch,
            RequestBody = level == "Metadata" ? null : request,
            ResponseBody = level == "RequestResponse" ? response : null,
            UserAgent = userAgent ?? (user.Username.StartsWith("system:", StringComparison.Ordinal) ? "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46" : "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46"),
            SourceIp = user.Username.StartsWith("system:", StringComparison.Ordinal) && !user.IsAnonymous ? "10.0.1.10" : user.IsAnonymous ? "203.0.113.66" : "192.168.77.12",
            Query = query, Note = note, Stages = stages ?? ["RequestReceived", "ResponseComplete"],
        };

    private AuditRequest Commit(AuditRequest r, JsonObject? before, JsonObject? after)
    {
        CheckWriteOrder(r);
        r.Before = before;
        r.StateBefore = _states.Count - 1;
        if (r.Applied)
        {
            r.After = after;
            var key = ClusterState.Key(r.Resource!.Kind, r.Namespace, r.Name ?? after!["metadata"]!["name"]!.GetValue<string>());
            Push(after is null ? Current.Without([key]) : Current.With(after), r.Time);
        }
        else
        {
            r.After = before;
        }
        r.StateAfter = _states.Count - 1;
        _requests.Add(r);
        return r;
    }

    private void CheckWriteOrder(AuditRequest r)
    {
        if (!r.IsWrite)
            return;
        if (r.Time < _lastWrite)
            throw new InvalidOperationException($"writes must be added in time order: {r} comes before {_lastWrite:O}");
        _lastWrite = r.Time;
    }

    private void Push(ClusterState state, DateTimeOffset time)
    {
        _states.Add(state);
        _stateTimes.Add(time);
    }

    /// <summary>The object as the API server stores it: server-set metadata added or carried over.</summary>
    private JsonObject Stored(JsonObject obj, DateTimeOffset time, JsonObject? before)
    {
        var stored = Copy(obj);
        var meta = (JsonObject)stored["metadata"]!;
        var kind = Kind(obj);
        meta["uid"] = before?["metadata"]?["uid"]?.GetValue<string>() ?? NextId();
        meta["resourceVersion"] = NextVersion();
        meta["creationTimestamp"] = before?["metadata"]?["creationTimestamp"]?.GetValue<string>() ?? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (kind is "NetworkPolicy" or "Deployment" or "DaemonSet" or "StatefulSet" or "Ingress" or "AdminNetworkPolicy")
            meta["generation"] = (before?["metadata"]?["generation"]?.GetValue<int>() ?? 0) + 1;
        return stored;
    }

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private string NextId()
    {
        var bytes = new byte[16];
        Random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static JsonObject Status(int code, ApiResource resource, string name, AuditUser user, string verb)
    {
        var (reason, message) = code switch
        {
            403 => ("Forbidden", $"{resource.Resource}{(resource.Group.Length == 0 ? "" : "." + resource.Group)} \"{name}\" is forbidden: User \"{user.Username}\" cannot {verb} resource \"{resource.Resource}\" in API group \"{resource.Group}\""),
            404 => ("NotFound", $"{resource.Resource} \"{name}\" not found"),
            409 => ("AlreadyExists", $"{resource.Resource} \"{name}\" already exists"),
            422 => ("Invalid", $"{resource.Kind} \"{name}\" is invalid"),
            _ => ("InternalError", "error"),
        };
        return Obj(("kind", "Status"), ("apiVersion", "v1"), ("metadata", new JsonObject()), ("status", "Failure"), ("message", message), ("reason", reason),
            ("details", Obj(("name", name), ("kind", resource.Resource))), ("code", code));
    }

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();
    public static string? Ns(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();
    public static string NameOf(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();
}
