using System.Text.Json.Nodes;
using Palisade.Audit.Events;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// Creates by <c>generateName</c> recorded without their response (Request level: controllers create their pods this
/// way), kept until a later write names one of their objects: the API server names such an object by the prefix and five
/// random characters, so a patch of <c>web-7d9f8-x2k4p</c> (the kubelet's <c>pods/status</c> with the pod's IP) is of an
/// object created from <c>web-7d9f8-</c>, whose body the create holds. Without it the object stays unknown, and so does
/// the address the patch gives it. Bounded: a prefix keeps its newest <see cref="PerPrefix"/> creates. Not thread-safe.
/// </summary>
internal sealed class GeneratedNames
{
    /// <summary>The creates kept per kind, namespace and prefix; replicas of one template are alike, so a few suffice.</summary>
    public const int PerPrefix = 64;

    private const int RandomSuffix = 5;

    /// <summary>The API server cuts a longer prefix to this length before it adds the suffix (63 characters in all).</summary>
    private const int MaxPrefix = 58;

    private readonly Dictionary<(string Kind, string Namespace, string Prefix), Queue<(JsonBody Body, AuditObjectRef Ref, DateTimeOffset Received)>> _pending = [];

    /// <summary>Keeps a create whose request names a <c>generateName</c> and whose response is not recorded.</summary>
    public void Add(string kind, string ns, JsonBody request, AuditObjectRef objectRef, DateTimeOffset received)
    {
        if (request.StringProperty("generateName", inMetadata: true) is not { Length: > 0 } given)
            return;
        var prefix = given.Length > MaxPrefix ? given[..MaxPrefix] : given;
        if (!_pending.TryGetValue((kind, ns, prefix), out var queue))
            _pending[(kind, ns, prefix)] = queue = new Queue<(JsonBody, AuditObjectRef, DateTimeOffset)>();
        if (queue.Count == PerPrefix)
            queue.Dequeue();
        queue.Enqueue((request, objectRef, received));
    }

    /// <summary>
    /// The body of a kept create that could have made the object, named as the server named it (a pod with the create's
    /// time as its creationTimestamp); null when none.
    /// </summary>
    public (JsonNode Body, AuditObjectRef Ref)? Take(ObjectKey key)
    {
        if (key.Namespace is not { } ns || key.Name.Length <= RandomSuffix
            || !_pending.TryGetValue((key.Kind, ns, key.Name[..^RandomSuffix]), out var queue) || queue.Count == 0)
            return null;
        var (request, objectRef, received) = queue.Dequeue();
        if (request.ToNodeOnce() is not JsonObject body)
            return null;
        var metadata = body["metadata"] as JsonObject ?? [];
        metadata["name"] = key.Name;
        metadata["namespace"] ??= ns;
        body["metadata"] = metadata;
        if (key.Kind == "Pod")
            AuditReplay.Stamp(body, received);
        return (body, objectRef);
    }
}
