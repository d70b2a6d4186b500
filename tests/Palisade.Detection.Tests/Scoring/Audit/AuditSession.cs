using System.Collections.Concurrent;
using Palisade.Detection.Tests.Scenarios.Audit;
using Palisade.Detection.Tests.Scenarios.Audit.Labels;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>
/// The audit scenarios written once per test process under artifacts/audit-scenarios/ (gitignored), and each
/// run scored at most once, whichever test asks first. One connectivity oracle per scenario caches its states.
/// </summary>
public sealed class AuditSession(string root)
{
    public static AuditSession Shared { get; } = new(RepoPaths.InRepo("artifacts", "audit-scenarios"));

    private readonly ConcurrentDictionary<string, Lazy<AuditLabelsFile>> _files = new();
    private readonly ConcurrentDictionary<string, ConnectivityOracle> _oracles = new();
    private readonly ConcurrentDictionary<(string, string), Lazy<AuditRunScore>> _scores = new();

    public string Root { get; } = root;

    public string Directory(string scenario)
    {
        _ = File(scenario);
        return Path.Combine(Root, scenario);
    }

    /// <summary>The connectivity oracle of a scenario (its work folder beside the scenario's).</summary>
    public ConnectivityOracle Connectivity(string scenario) =>
        _oracles.GetOrAdd(scenario, n => new ConnectivityOracle(Path.Combine(Root, ".work", n)));

    public AuditLabelsFile File(string scenario) =>
        _files.GetOrAdd(scenario, n => new Lazy<AuditLabelsFile>(() =>
            AuditScenarioWriter.Write(AuditScenarioCatalog.Get(n), Path.Combine(Root, n), Connectivity(n)))).Value;

    public AuditRunScore Score(string scenario, string wrapper) =>
        _scores.GetOrAdd((scenario, wrapper), key => new Lazy<AuditRunScore>(() =>
        {
            var file = File(key.Item1);
            return AuditRunner.Run(Path.Combine(Root, key.Item1), file, file.Runs.Single(r => r.Wrapper == key.Item2));
        })).Value;

    public IReadOnlyList<AuditRunScore> ScoreAll() =>
        [.. AuditScenarioCatalog.Names.SelectMany(n => AuditWrapper.All.Select(w => Score(n, w.Id)))];

    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in AuditScenarioCatalog.Names)
        {
            foreach (var w in AuditWrapper.All)
                data.Add(name, w.Id);
        }
        return data;
    }
}
