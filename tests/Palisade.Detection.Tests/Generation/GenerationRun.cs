using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;
using Palisade.Kubernetes;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Generation;

/// <summary>
/// One measurement of <c>palisade generate</c> in one flow format: the scenario written out (cluster, both days),
/// <c>generate --flows day1 --cluster cluster/</c> run in-process, its YAML loaded with the cluster by the strict loader,
/// and the next day judged twice: with the existing policies and the generated ones, and with the generated ones alone.
/// </summary>
public sealed record GenerationRun(string Format, int ExitCode, string Report, string Error,
    IReadOnlyList<Connection> BenignDenied, IReadOnlyList<(string Part, Connection Connection)> AttacksAllowed,
    IReadOnlyList<Connection> BenignDeniedAlone, IReadOnlyList<(string Part, Connection Connection)> AttacksAllowedAlone,
    IReadOnlyList<Connection> ControlPlaneAllowed, int Policies)
{
    public static GenerationRun Measure(GenerationScenario scenario, FlowFormat format, string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        var clusterDir = Directory.CreateDirectory(Path.Combine(directory, "cluster")).FullName;
        foreach (var (file, objects) in ManifestObjects.Files(scenario.Cluster))
        {
            if (objects.Count > 0)
                File.WriteAllText(Path.Combine(clusterDir, file), YamlEmitter.Documents(objects));
        }
        var writer = FlowWriters.For(format);
        var day1 = Path.Combine(directory, format.FileName("day1"));
        var day2 = Path.Combine(directory, format.FileName("day2"));
        File.WriteAllText(day1, writer.Write([.. Scenario.In(scenario.BaselineDay, format)], scenario.Cluster));
        File.WriteAllText(day2, writer.Write([.. Scenario.In(scenario.NextDay, format)], scenario.Cluster));

        var run = CliRun.Of("generate", "--flows", day1, "--cluster", clusterDir);
        var generated = Path.Combine(directory, "generated.yaml");
        File.WriteAllText(generated, run.Output);
        var manifests = Directory.GetFiles(clusterDir);
        var withExisting = ManifestSource.Load([.. manifests, generated]).Cluster;
        var alone = ManifestSource.Load([.. manifests.Where(f => Path.GetFileName(f) != "networkpolicies.yaml"), generated]).Cluster;
        var judged = DayJudge.Judge(withExisting, day2);
        var judgedAlone = DayJudge.Judge(alone, day2);
        bool Allowed(IReadOnlyDictionary<(string, int), bool> verdicts, Connection c) => verdicts[(c.Src.Ip, c.SrcPort)];
        var expressible = Scenario.In(scenario.NextDay, format).ToHashSet();
        var benign = scenario.Benign.Where(expressible.Contains).ToArray();
        var attacks = scenario.Attacks.Where(a => expressible.Contains(a.Connection)).ToArray();
        return new GenerationRun(format.Id, run.ExitCode, run.Output, run.Error,
            [.. benign.Where(c => !Allowed(judged, c))],
            [.. attacks.Where(a => Allowed(judged, a.Connection))],
            [.. benign.Where(c => !Allowed(judgedAlone, c))],
            [.. attacks.Where(a => Allowed(judgedAlone, a.Connection))],
            [.. scenario.ControlPlane.Where(c => expressible.Contains(c) && Allowed(judged, c))],
            run.Output.Split('\n').Count(l => l == "kind: NetworkPolicy"))
        {
            Benign = benign.Length,
            Attacks = attacks.Length,
        };
    }

    /// <summary>Benign connections of the next day in this format.</summary>
    public int Benign { get; init; }

    /// <summary>Attack connections of the next day in this format.</summary>
    public int Attacks { get; init; }
}
