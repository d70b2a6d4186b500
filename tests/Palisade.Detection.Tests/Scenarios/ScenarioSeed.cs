namespace Palisade.Detection.Tests.Scenarios;

/// <summary>
/// What every scenario draws its randomness from: the scenario's own seed plus an offset, 0 for the scores in the
/// repository. <c>PALISADE_SCENARIO_SEED_OFFSET=N</c> draws the same scenarios again with other addresses, ports,
/// times and background (a sweep over offsets tries the detectors on many draws; README).
/// </summary>
internal static class ScenarioSeed
{
    /// <summary>The offset, read once.</summary>
    public static int Offset { get; } = int.TryParse(Environment.GetEnvironmentVariable("PALISADE_SCENARIO_SEED_OFFSET"), out var offset) ? offset : 0;

    /// <summary>The random source of a seed.</summary>
    public static Random Random(int seed) => new(unchecked(seed + Offset));
}
