using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>Turns connections into one format's file content, records in time order.</summary>
public interface IFlowWriter
{
    FlowFormat Format { get; }

    string Write(IReadOnlyList<Connection> connections, ClusterSpec cluster);
}
