using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>Turns a replayed state's objects into the network model the engines analyse (implemented where the object mapper lives).</summary>
public interface INetworkModel
{
    /// <summary>The cluster of the state's objects.</summary>
    Cluster Build(ObjectStore store);
}
