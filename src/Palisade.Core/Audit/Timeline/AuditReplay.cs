using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Audit.Events;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// Replays the writes of an audit log onto the objects that matter to the network and to the audit rules,
/// starting from a known cluster or from nothing (then objects are unknown until first written). A write
/// takes the body the API server returned, else the body sent (create, update) or the patch applied to the
/// previous body (JSON Patch when the body is an array, else a merge patch); a write recorded without a body
/// makes the object unknown. Failed, denied and dry-run requests change nothing. Events must be given merged
/// and in handling order (<see cref="RequestOrder"/>). Not thread-safe; the stores it returns are immutable.
/// </summary>
public sealed class AuditReplay(ObjectStore initial, bool initialIsComplete)
{
    /// <summary>The kinds whose state is replayed.</summary>
    public static readonly FrozenSet<string> StateKinds = new[]
    {
        "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "Namespace", "Pod", "Service",
        "Endpoints", "Node", "Ingress", "Route", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Deployment", "DaemonSet",
        "StatefulSet", "ReplicaSet", "Job", "CronJob", "ReplicationController", "PeerAuthentication",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Writes = new[] { "create", "update", "patch", "delete", "deletecollection" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly GeneratedNames _generated = new();
    private readonly AppliedConfigurations _applied = new();

    // Of each object whose body is unknown, what the patches since it was lost are known to have set (see PartialPatch).
    private readonly Dictionary<ObjectKey, JsonObject> _known = [];

    /// <summary>The replayed state now.</summary>
    public ObjectStore Current { get; private set; } = initial;

    /// <summary>
    /// What the replay remembers of the object beyond its body (<see cref="ObjectMemory"/>), null when nothing:
    /// <c>serve</c>, which replays each request alone onto the watched cluster, keeps it between requests.
    /// </summary>
    public ObjectMemory? MemoryOf(ObjectKey key)
    {
        var patched = _known.GetValueOrDefault(key);
        var applied = _applied.Of(key);
        return patched is null && applied is null ? null : new ObjectMemory(patched, applied);
    }

    /// <summary>Gives the replay what an earlier replay remembered of an object (<see cref="MemoryOf"/>); not modified.</summary>
    public void Remember(ObjectKey key, ObjectMemory memory)
    {
        if (memory.Patched is { } patched)
            _known[key] = patched;
        if (memory.Applied is { } applied)
            _applied.Set(key, applied);
    }

    /// <summary>Whether an event can matter to the state or to a rule; the others are only counted.</summary>
    public static bool IsRelevant(AuditEvent e)
    {
        if (e.ObjectRef is not { } o)
            return IsAnonymous(e.User);
        return Writes.Contains(e.Verb) && StateKinds.Contains(ResourceKinds.KindOf(o.Resource))
            || o.Subresource is "exec" or "attach" or "portforward"
            || IsSecretRead(e, o)
            || IsAnonymous(e.User);
    }

    /// <summary>A read of secrets across all namespaces or in kube-system, the only secrets requests a rule judges.</summary>
    private static bool IsSecretRead(AuditEvent e, AuditObjectRef o) =>
        o is { Resource: "secrets", Subresource: null, Namespace: null or "kube-system" } && !ResourceKinds.IsForeign(o) && e.Verb is "get" or "list" or "watch";

    /// <summary>Whether the user is anonymous or unauthenticated.</summary>
    public static bool IsAnonymous(AuditUser user) =>
        user.Username == "system:anonymous" || user.Groups.Contains("system:unauthenticated");

    /// <summary>Applies one request (its stages merged) and says what it did.</summary>
    public ReplayedRequest Apply(AuditEvent e)
    {
        var before = Current;
        var (text, key, kind, ns) = Name(e);
        var applied = !e.Failed && !e.DryRun && !Denied(e);
        if (!applied || e.ObjectRef is not { } o || !StateKinds.Contains(kind) || !Writes.Contains(e.Verb)
            || o.Subresource is { } sub && !(sub == "status" && e.Verb is "update" or "patch"))
            return new ReplayedRequest(e, text, key) { Applied = applied, Before = before, After = before };
        // A status write logged without its body (Metadata level: the kubelet's, many a minute) cannot have changed the
        // object's labels or spec, and a pod keeps the address it was given: the object keeps the body it had.
        if (o.Subresource == "status" && e.ResponseBody is null && e.RequestBody is null && key is not null && Current.Get(key) is not null)
            return new ReplayedRequest(e, text, key) { Applied = applied, Before = before, After = before };
        // A create that succeeded proves its object was absent just before, whatever the replay still holds under the name (a
        // delete the log lacks, a dump taken after the log began, another cluster's object of that name): it is judged as created.
        if (key is not null && o.Subresource is null && (e.Verb == "create" || e.Verb is "update" or "patch" && e.StatusCode == 201)
            && (Current.Get(key) is not null || Current.IsUnknown(key)))
        {
            Current = Current.Set(key, null);
            _applied.Forget(key);
            _known.Remove(key);
            before = Current;
        }
        var writes = new List<ObjectWrite>(1);
        if (e.Verb == "create" && key is null && ns is not null && e.ResponseBody is null && e.RequestBody is { Kind: JsonValueKind.Object } request)
            _generated.Add(kind, ns, request, o, e.RequestReceived);
        if (e.Verb is "update" or "patch" && key is not null)
            Imply(key);
        switch (e.Verb)
        {
            case "deletecollection":
                RemoveAll(writes, kind, ns, LabelFilter.FromUri(e.RequestUri), FieldFilter.FromUri(e.RequestUri));
                break;
            // A pod deleted gracefully: the API server answers with the pod, terminating until its deletionTimestamp, and
            // removes it when its kubelet deletes it once the containers stopped (a delete with no grace left).
            case "delete" when key is not null && kind == "Pod" && Terminating(e.ResponseBody) is { } terminating:
                Record(writes, key, Typed(terminating, key, o), afterKnown: true, existed: true);
                break;
            case "delete" when key is not null:
                Record(writes, key, null, afterKnown: true, existed: ProvesExistence(e));
                if (kind == "Namespace")
                    RemoveAll(writes, null, key.Name, LabelFilter.All, FieldFilter.All);
                break;
            case "create" or "update" when key is not null:
                var body = Typed(Body(e.ResponseBody) ?? Sent(e, key, o), key, o);
                if (e.Verb == "create" && kind == "Pod")
                    Stamp(body, e.RequestReceived);
                Record(writes, key, body, afterKnown: body is not null, creating: e.Verb == "create" || e.StatusCode == 201, existed: ProvesExistence(e),
                    statusOnly: o.Subresource is not null);
                break;
            // A generateName create logged without its response: the server's name is unknown, so the object cannot be
            // followed, but what was created is known to the rules. Of the pods (controllers create theirs this way, many),
            // only one on the host network matters to a rule: the others are not parsed.
            case "create" when (kind != "Pod" || e.RequestBody?.IsTrue("spec", "hostNetwork") == true)
                && Typed(Body(e.ResponseBody) ?? Body(e.RequestBody), new ObjectKey(kind, ns, ""), o) is { } unnamed:
                return new ReplayedRequest(e, text, key)
                {
                    Applied = applied, Before = before, After = before,
                    Unnamed = new ObjectWrite(new ObjectKey(kind, ns, ""), null, unnamed, BeforeKnown: true, AfterKnown: true),
                };
            case "patch" when key is not null:
                var created = e.StatusCode == 201 || AppliedCreate(e, key);
                if (!created)
                    Adopt(key);
                var manager = o.Subresource is null ? ApplyManager(e) : null;
                var unpatched = created ? null : Current.Get(key);
                var patched = Typed(Body(e.ResponseBody) ?? SpecKept(key, o, Patched(key, e.RequestBody, created, manager)), key, o);
                Record(writes, key, patched, afterKnown: patched is not null, creating: created, existed: ProvesExistence(e) && !created,
                    patch: e.RequestBody, statusOnly: o.Subresource is not null);
                if (manager is not null && e.RequestBody?.ToNode() is JsonObject configuration)
                    _applied.Remember(key, manager, configuration, unpatched);
                break;
        }
        return new ReplayedRequest(e, text, key) { Applied = applied, Before = before, After = Current, Writes = writes };
    }

    /// <summary>
    /// Gives an object the state lacks the body of the unnamed create that made it (<see cref="GeneratedNames"/>), so
    /// that a patch of it (the kubelet's status with the pod's IP) applies to what the create sent.
    /// </summary>
    private void Adopt(ObjectKey key)
    {
        if (Current.Get(key) is null && _generated.Take(key) is var (body, objectRef))
            Current = Current.Set(key, Typed(body, key, objectRef));
    }

    /// <summary>
    /// Gives a namespace the complete state lacks, while holding objects in it, the body connectivity reads it with: the
    /// manifests left it implied (as many do), a namespace without labels. Relabelling it is then judged from there.
    /// </summary>
    private void Imply(ObjectKey key)
    {
        if (key.Kind != "Namespace" || !initialIsComplete || Current.Get(key) is not null || Current.IsUnknown(key))
            return;
        foreach (var (other, _) in Current.Objects)
        {
            if (other.Namespace == key.Name)
            {
                Current = Current.Set(key, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = key.Name } });
                return;
            }
        }
    }

    /// <summary>
    /// Whether a patch created its object where the log cannot say 201: GKE records a gRPC OK for 200 and 201 alike. A
    /// patch that succeeded on an object the complete state says is absent either found it (the dump lacked it) or
    /// created it, which only server-side apply does; its body, an apply configuration, names its apiVersion and kind
    /// (which merge, strategic and JSON patches do not).
    /// </summary>
    private bool AppliedCreate(AuditEvent e, ObjectKey key) =>
        e.Format == AuditFormat.Gke && initialIsComplete && Current.Get(key) is null && !Current.IsUnknown(key)
        && e.RequestBody is { Kind: JsonValueKind.Object } body && body.StringProperty("apiVersion", inMetadata: false) is { Length: > 0 }
        && body.StringProperty("kind", inMetadata: false) is { Length: > 0 };

    /// <summary>
    /// Whether the request shows its object existed before it: an update or patch that succeeded without creating
    /// (201), or a delete that succeeded, which the API server answers only for an existing object. A starting state that
    /// lacks the object (a dump of some kinds only) was then incomplete for it, and its past is unknown rather than "absent".
    /// </summary>
    private static bool ProvesExistence(AuditEvent e) =>
        e.StatusCode is { } code && (e.Verb is "update" or "patch" && code != 201 || e.Verb == "delete");

    /// <summary>
    /// Records a write of the object. A patch that leaves the body unknown (<paramref name="patch"/>, the body sent) adds what
    /// it sets to what is known of the object; a status write leaves that as it was (it cannot change the rest); any other
    /// write the replay cannot follow (no body) forgets it, and one it follows makes it moot.
    /// </summary>
    private void Record(List<ObjectWrite> writes, ObjectKey key, JsonNode? after, bool afterKnown, bool creating = false, bool existed = false,
        JsonBody? patch = null, bool statusOnly = false)
    {
        var before = Current.Get(key);
        var beforeKnown = before is not null || !Current.IsUnknown(key) && (initialIsComplete || creating) && !existed;
        var known = beforeKnown ? null : _known.GetValueOrDefault(key);
        Func<JsonNode?>? partial = null;
        if (!afterKnown && patch is not null && statusOnly)
            partial = () => PartialPatch.Apply(patch.ToNodeOnce(), known);
        else if (!afterKnown && patch is not null && PartialPatch.Apply(patch.ToNodeOnce(), known) is { } set)
        {
            _known[key] = set;
            partial = () => set;
        }
        else if (!statusOnly || afterKnown)
            _known.Remove(key);
        writes.Add(new ObjectWrite(key, before, after, beforeKnown, afterKnown) { PartialOf = partial, KnownBefore = known });
        Current = afterKnown ? Current.Set(key, after) : Current.MarkUnknown(key);
        if (afterKnown && after is null)
            _applied.Forget(key);
    }

    private void RemoveAll(List<ObjectWrite> writes, string? kind, string? ns, LabelFilter labels, FieldFilter fields)
    {
        bool Within(ObjectKey key) => (kind is null || key.Kind == kind) && (ns is null ? kind is not null : key.Namespace == ns);
        foreach (var (key, body) in Current.Objects.Where(p => Within(p.Key) && labels.Matches(p.Value) && fields.Matches(p.Value)).ToArray())
            Record(writes, key, null, afterKnown: true);
        // Objects whose body is unknown go too when nothing about them decides it (a namespace deleted, a collection
        // deleted without selector): gone is known, whatever they were.
        if (labels == LabelFilter.All && fields == FieldFilter.All)
        {
            foreach (var key in Current.Unknown.Where(Within).ToArray())
                Record(writes, key, null, afterKnown: true);
        }
    }

    /// <summary>
    /// The patch applied to the previous body; a patch that created its object (201: server-side apply, which Flux and
    /// Argo CD create with) applies to an empty one, whatever the state held.
    /// </summary>
    private JsonNode? Patched(ObjectKey key, JsonBody? patch, bool created, string? manager)
    {
        var previous = created ? new JsonObject() : Current.Get(key);
        if (patch is null || previous is null)
            return null;
        // The server patched the object as it stored it, with its defaults: a JSON Patch may name them, and a policy's
        // policyTypes decide what an egress rule a merge patch adds does. Defaults belong to no field manager: an apply
        // that leaves out what it applied before removes that, not them.
        var node = patch.ToNode();
        if (node is JsonArray operations)
            return JsonPatch.Apply(ServerDefaults.Fill(key, previous), operations);
        var stored = ServerDefaults.PolicyTypes(key, previous);
        if (manager is not null && node is JsonObject configuration)
            stored = _applied.Prune(key, manager, stored, configuration);
        return MergePatch.Apply(stored, node);
    }

    /// <summary>
    /// The field manager of a server-side apply: a patch whose body is an apply configuration (it names apiVersion, kind
    /// and the object's name, which merge, strategic and JSON patches do not) sent with the <c>fieldManager</c> that apply
    /// requires; null for any other request (GKE records no URI), and for kubectl's other commands (<c>kubectl-patch</c>,
    /// <c>kubectl-label</c>, <c>kubectl-client-side-apply</c>: its apply is plain <c>kubectl</c>), which never apply.
    /// </summary>
    private static string? ApplyManager(AuditEvent e) =>
        e.RequestBody is { Kind: JsonValueKind.Object } body && body.StringProperty("apiVersion", inMetadata: false) is { Length: > 0 }
        && body.StringProperty("kind", inMetadata: false) is { Length: > 0 } && body.StringProperty("name", inMetadata: true) is { Length: > 0 }
        && RequestUris.Parameter(e.RequestUri, "fieldManager") is { Length: > 0 } manager && !manager.StartsWith("kubectl-", StringComparison.Ordinal)
            ? manager : null;

    /// <summary>
    /// The body a create or update sent, with what the server kept of the stored object: on an update of the object itself
    /// its status, on a status update its spec.
    /// </summary>
    private JsonNode? Sent(AuditEvent e, ObjectKey key, AuditObjectRef o) =>
        e.Verb != "update" ? Body(e.RequestBody)
        : o.Subresource is null ? ServerKept.Apply(key, Current.Get(key), Body(e.RequestBody))
        : ServerKept.StatusWrite(Current.Get(key), Body(e.RequestBody));

    /// <summary>A status patch's result with the stored spec, which the server keeps; any other patch's as it is.</summary>
    private JsonNode? SpecKept(ObjectKey key, AuditObjectRef o, JsonNode? patched) =>
        o.Subresource == "status" ? ServerKept.StatusWrite(Current.Get(key), patched) : patched;

    /// <summary>The body with its kind and apiVersion, which some recorded bodies leave out and mapping needs.</summary>
    private static JsonNode? Typed(JsonNode? body, ObjectKey key, AuditObjectRef o)
    {
        if (body is not JsonObject obj || obj.ContainsKey("kind") && obj.ContainsKey("apiVersion"))
            return body;
        obj["kind"] ??= key.Kind;
        obj["apiVersion"] ??= string.IsNullOrEmpty(o.ApiGroup) ? o.ApiVersion ?? "v1" : $"{o.ApiGroup}/{o.ApiVersion ?? "v1"}";
        return obj;
    }

    private static JsonNode? Body(JsonBody? body) =>
        body is { Kind: JsonValueKind.Object } && !IsStatus(body.Element) ? body.ToNode() : null;

    /// <summary>
    /// The pod a delete answered with when the deletion is graceful (a deletionTimestamp and a grace period left): the
    /// pod goes on, terminating; null when the delete removed it (no grace left, a Status, no response).
    /// </summary>
    private static JsonNode? Terminating(JsonBody? response)
    {
        if (response is not { Kind: JsonValueKind.Object } || IsStatus(response.Element)
            || !response.Element.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("deletionTimestamp", out var at) || at.ValueKind != JsonValueKind.String
            || !metadata.TryGetProperty("deletionGracePeriodSeconds", out var grace) || grace.ValueKind != JsonValueKind.Number
            || !grace.TryGetInt64(out var seconds) || seconds <= 0)
            return null;
        return response.ToNode();
    }

    /// <summary>
    /// Gives a created pod's body sent without it (Request level) the creationTimestamp the server gave it, the create's
    /// time: a pod holds the address its kubelet reports later since then.
    /// </summary>
    internal static void Stamp(JsonNode? body, DateTimeOffset created)
    {
        if (body is JsonObject obj && obj["metadata"] is JsonObject metadata && metadata["creationTimestamp"] is null)
            metadata["creationTimestamp"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A delete's response may be a Status object rather than the object; it says nothing of the object.</summary>
    private static bool IsStatus(JsonElement body) =>
        body.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status";

    private static bool Denied(AuditEvent e) =>
        e.Annotations.TryGetValue("authorization.k8s.io/decision", out var decision) && decision == "forbid";

    /// <summary>The object the request names: its key when it names one object, and its text (<c>*</c> for collections).</summary>
    public static (string Text, ObjectKey? Key, string Kind, string? Namespace) Name(AuditEvent e)
    {
        if (e.ObjectRef is not { } o)
            return (e.RequestUri, null, "", null);
        // The contract names the Kind of objectRef.resource; the replay keeps a foreign group's objects apart.
        var kind = ResourceKinds.KindOf(o.Resource, ResourceKinds.IsKnown(o.Resource) ? null : BodyString(e, "kind"));
        var stateKind = ResourceKinds.Qualified(o, kind);
        var namespaced = ResourceKinds.IsNamespaced(o);
        var name = o.Name ?? (e.Verb == "create" ? BodyMetadata(e, "name") : null);
        var ns = namespaced ? o.Namespace ?? (name is not null ? BodyMetadata(e, "namespace") : null) : null;
        var text = namespaced ? $"{kind} {ns ?? "*"}/{name ?? "*"}" : $"{kind} {name ?? "*"}";
        var key = name is not null && (!namespaced || ns is not null) ? new ObjectKey(stateKind, ns, name) : null;
        return (text, key, stateKind, ns);
    }

    private static string? BodyString(AuditEvent e, string property) =>
        e.ResponseBody?.StringProperty(property, inMetadata: false) ?? e.RequestBody?.StringProperty(property, inMetadata: false);

    private static string? BodyMetadata(AuditEvent e, string property) =>
        NonEmpty(e.ResponseBody?.StringProperty(property, inMetadata: true)) ?? NonEmpty(e.RequestBody?.StringProperty(property, inMetadata: true));

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
