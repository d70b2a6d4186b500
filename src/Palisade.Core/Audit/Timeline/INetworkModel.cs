using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>Turns replayed objects into the model the engines analyse (implemented where the object mapper lives).</summary>
public interface INetworkModel
{
    /// <summary>The cluster of the state's objects.</summary>
    Cluster Build(ObjectStore store);

    /// <summary>One object in Core's terms; null when its kind is not one Palisade reads or it cannot be mapped.</summary>
    ClusterObject? Map(JsonNode body);

    /// <summary>The pod of a body as the cluster would report it: its top owner found through the state's controllers.</summary>
    Pod? Pod(JsonNode body, ObjectStore store);
}
