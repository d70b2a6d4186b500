using Palisade.Detection.Tests.Scenarios.Audit.Labels;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>
/// Runs <c>palisade audit LOG --cluster DIR [--trusted-users U,...] -o json</c> in-process, as a user would,
/// and scores it; the raw output lands in the scenario's <c>out/</c> folder.
/// </summary>
public static class AuditRunner
{
    public static AuditRunScore Run(string scenarioDirectory, AuditLabelsFile file, AuditRun run)
    {
        var outDir = Directory.CreateDirectory(Path.Combine(scenarioDirectory, "out")).FullName;
        var args = new List<string> { "audit", Path.Combine(scenarioDirectory, run.Log), "--cluster", Path.Combine(scenarioDirectory, file.Cluster) };
        if (file.TrustedUsers.Count > 0)
            args.AddRange(["--trusted-users", string.Join(",", file.TrustedUsers)]);
        args.AddRange(["-o", "json"]);
        var result = CliRun.Of([.. args]);
        File.WriteAllText(Path.Combine(outDir, $"{run.Wrapper}.alerts.json"), result.Output);
        if (result.ExitCode != 0)
            return Failed(file, run, $"audit exited {result.ExitCode}: {result.Error.Split('\n').FirstOrDefault()?.Trim()}");
        try
        {
            var output = AuditOutput.Parse(result.Output);
            return AuditScorer.Score(file.Scenario, run.Wrapper, run.Alerts, output.Alerts, run.Events, output.Events) with { ShapeProblems = output.ShapeProblems };
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return Failed(file, run, "audit output is not the contract's JSON: " + e.Message);
        }
    }

    private static AuditRunScore Failed(AuditLabelsFile file, AuditRun run, string error) =>
        AuditScorer.Score(file.Scenario, run.Wrapper, run.Alerts, [], run.Events, null, error);
}
