using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Model;

namespace Palisade.Server.Watch;

/// <summary>
/// The live cluster at one moment, everything the API reads built once: the cluster, its policy engine (safe for
/// concurrent readers), its complete connectivity report, and the objects' bodies (for audit replay). Immutable:
/// the applier builds a new one per change and swaps it in atomically, so readers never see half an update.
/// </summary>
public sealed record LiveSnapshot(long Version, DateTimeOffset From, Cluster Cluster, PolicyEngine Engine, ConnectivityReport Report, ObjectStore Bodies)
{
    /// <summary>The change that made this state; null for the first one.</summary>
    public ClusterChange? Cause { get; init; }

    /// <summary>The objects the change touched (empty for the first state).</summary>
    public IReadOnlyList<ObjectTouch> Touched { get; init; } = [];

    /// <summary>The kinds the server refused to list (403), each with the server's message: answers are given without them.</summary>
    public IReadOnlyDictionary<string, string> Refused { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The diff from this state to <paramref name="after"/>, as <c>palisade diff</c> reports it. When only one of the
    /// two names IPv6 addresses their reports list different address spaces, so both are analysed again over the same.
    /// </summary>
    public DiffReport DiffTo(LiveSnapshot after) =>
        ExternalPartition.NamesIpv6(Cluster.Network) == ExternalPartition.NamesIpv6(after.Cluster.Network)
            ? new(ConnectivityDiffer.Compare(Report, after.Report), new DiffAttribution(Engine, after.Engine, Cluster.Objects, after.Cluster.Objects), Report.Warnings.Union(after.Report.Warnings).ToArray())
            : DiffUseCase.Run(Cluster, after.Cluster, Engine.Options);
}
