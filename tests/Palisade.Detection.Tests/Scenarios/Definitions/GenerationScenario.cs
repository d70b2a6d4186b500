using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// The scenario <c>palisade generate</c> is measured on: policies generated from a baseline day (the benign
/// background and the known edges of the lateral-movement part), applied to the next day, which has the same
/// background plus attacks. The generator knows which connections are which: <see cref="Benign"/> is the next
/// day's background, <see cref="Attacks"/> the connections of the lateral-movement, internet-egress and metadata
/// parts, and <see cref="ControlPlane"/> the control-plane probes (not among the attacks the target names).
/// </summary>
public sealed class GenerationScenario
{
    public required ClusterSpec Cluster { get; init; }
    public required IReadOnlyList<Connection> BaselineDay { get; init; }
    public required IReadOnlyList<Connection> NextDay { get; init; }
    public required IReadOnlyList<Connection> Benign { get; init; }
    public required IReadOnlyList<(string Part, Connection Connection)> Attacks { get; init; }
    public required IReadOnlyList<Connection> ControlPlane { get; init; }

    public static GenerationScenario Build()
    {
        var cluster = ClusterFactory.Create(ScenarioCatalog.ClusterSeed);
        var day1 = new TrafficBuilder(cluster, 2201);
        BackgroundTraffic.Add(day1, ScenarioCatalog.DayBefore);
        LateralMovementPart.AddDayOne(day1, ScenarioCatalog.DayBefore);

        var day2 = new TrafficBuilder(cluster, 2202);
        BackgroundTraffic.Add(day2, ScenarioCatalog.Start);
        var benign = day2.Connections.ToArray();
        var attacks = new List<(string, Connection)>();
        void Part(string name, Action<TrafficBuilder, DateTimeOffset> add)
        {
            var before = day2.Connections.Count;
            add(day2, ScenarioCatalog.Start);
            attacks.AddRange(day2.Connections.Skip(before).Select(c => (name, c)));
        }
        Part("lateral-movement", LateralMovementPart.AddDayTwo);
        Part("internet-egress", EgressPart.Add);
        var before = day2.Connections.Count;
        ControlPlanePart.Add(day2, ScenarioCatalog.Start);
        var probes = day2.Connections.Skip(before).ToArray();
        attacks.AddRange(probes.Where(c => c.Note == "instance metadata").Select(c => ("metadata-access", c)));
        return new GenerationScenario
        {
            Cluster = cluster,
            BaselineDay = day1.Connections,
            NextDay = day2.Connections,
            Benign = benign,
            Attacks = attacks,
            ControlPlane = [.. probes.Where(c => c.Note != "instance metadata")],
        };
    }
}
