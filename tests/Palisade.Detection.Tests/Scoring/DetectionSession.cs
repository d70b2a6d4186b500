using System.Collections.Concurrent;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// The scenarios written once per test process under artifacts/detection-scenarios/ (gitignored; read them
/// there), and each run scored at most once, whichever test asks first.
/// </summary>
public sealed class DetectionSession
{
    public static DetectionSession Shared { get; } = new(RepoPaths.InRepo("artifacts", "detection-scenarios"));

    private readonly ConcurrentDictionary<string, Lazy<LabelsFile>> _files = new();
    private readonly ConcurrentDictionary<(string, string), Lazy<RunScore>> _scores = new();

    public DetectionSession(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>A scenario's labels, the scenario written first if need be.</summary>
    public LabelsFile File(string scenario) =>
        _files.GetOrAdd(scenario, n => new Lazy<LabelsFile>(() => ScenarioWriter.Write(ScenarioCatalog.Get(n), Path.Combine(Root, n)))).Value;

    /// <summary>Every scenario's labels.</summary>
    public IReadOnlyDictionary<string, LabelsFile> Files => ScenarioCatalog.Names.ToDictionary(n => n, File);

    /// <summary>A scenario's directory, written first if need be.</summary>
    public string Directory(string scenario)
    {
        _ = File(scenario);
        return Path.Combine(Root, scenario);
    }

    public RunScore Score(string scenario, string format) =>
        _scores.GetOrAdd((scenario, format), key => new Lazy<RunScore>(() =>
        {
            var file = File(key.Item1);
            return PalisadeRunner.Run(Path.Combine(Root, key.Item1), file, file.Runs.Single(r => r.Format == key.Item2));
        })).Value;

    /// <summary>Every run of every scenario, in catalogue order.</summary>
    public IReadOnlyList<RunScore> ScoreAll() =>
        [.. ScenarioCatalog.Names.SelectMany(n => File(n).Runs.Select(r => Score(n, r.Format)))];

    /// <summary>The (scenario, format) pairs, for theories.</summary>
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ScenarioCatalog.Names)
        {
            foreach (var format in ScenarioCatalog.Get(name).Formats)
                data.Add(name, format.Id);
        }
        return data;
    }
}
