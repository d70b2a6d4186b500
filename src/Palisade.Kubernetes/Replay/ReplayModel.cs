using System.Runtime.CompilerServices;
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
            if (Map(body) is { } mapped)
                builder.Add(mapped.Object);
        }
        return builder.Build();
    }

    private MappedObject? Map(JsonNode body)
    {
        if (_mapped.TryGetValue(body, out var known))
            return known;
        MappedObject? mapped;
        try
        {
            mapped = ObjectMapper.MapJson(body.ToJsonString());
        }
        catch (InvalidInputException e)
        {
            _warnings.Add($"replayed object left out: {e.Message}");
            mapped = null;
        }
        _mapped.AddOrUpdate(body, mapped);
        return mapped;
    }
}
