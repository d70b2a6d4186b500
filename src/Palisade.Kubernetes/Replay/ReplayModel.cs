using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;
using Palisade.Kubernetes.Mapping;
using Palisade.Model;

namespace Palisade.Kubernetes.Replay;

/// <summary>
/// The cluster of a replayed audit state: every body of the state mapped as one object and built by the
/// cluster builder, the later of two declarations winning. Bodies are immutable and shared between states, so
/// each is mapped once. A body the API server would reject (it accepted it, so an older or newer API) is left
/// out with a warning rather than stopping the replay. Safe for one thread at a time.
/// </summary>
public sealed class ReplayModel : INetworkModel
{
    private readonly ConditionalWeakTable<JsonNode, MappedObject?> _mapped = [];
    private readonly List<string> _warnings = [];

    /// <summary>What could not be mapped, once per body.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc />
    public Cluster Build(ObjectStore store)
    {
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        foreach (var (_, body) in store.Objects)
        {
            if (Mapped(body) is { } mapped)
                builder.Add(mapped.Object);
        }
        foreach (var (_, body) in store.FormerObjects)
        {
            if (Mapped(body) is { } mapped)
                builder.AddOwnership(mapped.Object.Meta.Key, mapped.Object.Meta.Controller);
        }
        foreach (var key in store.Unknown)
        {
            if (store.Former(key) is null && NamedController(key, store) is { } controller)
                builder.AddOwnership(key, controller);
        }
        return builder.Build();
    }

    /// <inheritdoc />
    public ClusterObject? Map(JsonNode body) => Mapped(body)?.Object;

    /// <inheritdoc />
    public Model.Pod? Pod(JsonNode body, ObjectStore store)
    {
        if (Mapped(body)?.Object is not { Content: Model.Pod } pod)
            return null;
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        builder.Add(pod);
        foreach (var owner in Owners(body, pod.Meta.Key.Namespace, store))
            builder.Add(owner);
        return builder.Build().Network.Pods.FirstOrDefault(p => !p.FromTemplate && p.Name == pod.Meta.Key.Name);
    }

    /// <summary>The controllers above a body in the state, nearest first (a ReplicaSet, then its Deployment).</summary>
    private IEnumerable<ClusterObject> Owners(JsonNode body, string? ns, ObjectStore store)
    {
        var current = body;
        for (var depth = 0; depth < 16 && Controller(current) is { } owner; depth++)
        {
            var key = new ObjectKey(owner.Kind, ns, owner.Name);
            if ((store.Get(key) ?? store.Former(key)) is not { } found || Mapped(found) is not { } mapped)
            {
                if (store.IsUnknown(key) && NamedController(key, store) is { Name: { } name } named
                    && store.Get(new ObjectKey(named.Kind, ns, name)) is { } top && Mapped(top) is { } topMapped)
                    yield return topMapped.Object;
                yield break;
            }
            yield return mapped.Object;
            current = found;
        }
    }

    /// <summary>
    /// The controller of a ReplicaSet or Job never known by its body (created under a Metadata-level audit policy), as its
    /// name tells it (<see cref="ControllerNaming"/>), when the state holds that Deployment or CronJob or knows it without its body.
    /// </summary>
    private static OwnerReference? NamedController(ObjectKey key, ObjectStore store)
    {
        if (key.Namespace is null || ControllerNaming.MakerOf(new WorkloadRef(key.Namespace, key.Name, key.Kind)) is not { } maker)
            return null;
        var controller = new ObjectKey(maker.Kind, key.Namespace, maker.Name);
        return store.Get(controller) is not null || store.IsUnknown(controller) ? new OwnerReference(maker.Kind, controller.Name) : null;
    }

    /// <summary><c>Kind ns/name</c> of a body, as warnings name objects.</summary>
    private static string Named(JsonNode body)
    {
        static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var (kind, ns, name) = (Text(body["kind"]), Text(body["metadata"]?["namespace"]), Text(body["metadata"]?["name"]));
        return ns is null ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    private static (string Kind, string Name)? Controller(JsonNode body)
    {
        if (body["metadata"]?["ownerReferences"] is not JsonArray owners)
            return null;
        foreach (var owner in owners)
        {
            if (owner?["controller"]?.GetValue<bool>() == true && owner["kind"]?.GetValue<string>() is { } kind && owner["name"]?.GetValue<string>() is { } name)
                return (kind, name);
        }
        return null;
    }

    private MappedObject? Mapped(JsonNode body)
    {
        if (_mapped.TryGetValue(body, out var known))
            return known;
        MappedObject? mapped;
        try
        {
            mapped = ObjectMapper.MapJson(ZeroValues.Fill(body).ToJsonString());
        }
        catch (InvalidInputException e)
        {
            _warnings.Add($"replayed object left out: {e.Message}");
            mapped = null;
        }
        catch (JsonException e)
        {
            // A value of another JSON type than the client's models read (the API server accepted it: another API version).
            _warnings.Add($"replayed object left out: {Named(body)}: {e.Message}");
            mapped = null;
        }
        _mapped.AddOrUpdate(body, mapped);
        return mapped;
    }
}
