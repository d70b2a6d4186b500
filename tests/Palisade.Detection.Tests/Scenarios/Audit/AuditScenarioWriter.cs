using Palisade.Detection.Tests.Scenarios.Audit.Labels;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

namespace Palisade.Detection.Tests.Scenarios.Audit;

/// <summary>
/// Writes a scenario: <c>cluster/</c> (the state before the log), <c>audit/</c> (one file per wrapper) and
/// <c>labels.json</c>. Fails when the scenario relies on a reading of the contract that could go two ways
/// (<see cref="AuditGuards"/>).
/// </summary>
public static class AuditScenarioWriter
{
    public static AuditLabelsFile Write(AuditScenario scenario, string directory, ConnectivityOracle connectivity)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        scenario.Initial.WriteTo(Path.Combine(directory, "cluster"));
        var labels = Labels(scenario, connectivity);
        var audit = Directory.CreateDirectory(Path.Combine(directory, "audit")).FullName;
        var runs = new List<AuditRun>();
        foreach (var wrapper in AuditWrapper.All)
        {
            var events = LoggedEvent.InFileOrder(scenario.Requests.Where(wrapper.Expresses), scenario.Seed);
            File.WriteAllText(Path.Combine(audit, wrapper.FileName), wrapper.Write(events));
            runs.Add(new AuditRun(wrapper.Id, "audit/" + wrapper.FileName, wrapper.EventCount(events), labels));
        }
        var file = new AuditLabelsFile(scenario.Name, scenario.Description, "cluster", scenario.TrustedUsers, runs);
        File.WriteAllText(Path.Combine(directory, AuditLabelsFile.FileName), file.ToJson());
        return file;
    }

    public static IReadOnlyList<AuditLabel> Labels(AuditScenario scenario, ConnectivityOracle connectivity)
    {
        var labels = AuditLabelOracle.For(scenario.Requests, scenario.Log.States, scenario.TrustedUsers.ToHashSet(), connectivity);
        var problems = AuditGuards.Check(scenario, labels, connectivity);
        if (problems.Count > 0)
            throw new InvalidOperationException($"{scenario.Name} relies on an ambiguous reading:\n  " + string.Join("\n  ", problems));
        return labels;
    }
}
