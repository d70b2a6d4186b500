using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// Runs a labelled run in-process, as a user would: <c>flows baseline</c> first when the run has a baseline
/// day, then <c>flows check FILES --cluster DIR [--baseline F] [--audit F] -o json</c> with the format left
/// to auto-detection. The raw output lands in the scenario's <c>out/</c> folder for whoever reads a miss.
/// </summary>
public static class PalisadeRunner
{
    public static RunScore Run(string scenarioDirectory, LabelsFile file, LabelledRun run)
    {
        string Path_(string relative) => Path.Combine(scenarioDirectory, relative);
        var outDir = Directory.CreateDirectory(Path.Combine(scenarioDirectory, "out")).FullName;
        var cluster = Path_(file.Cluster);
        var args = new List<string> { "flows", "check" };
        args.AddRange(run.Flows.Select(Path_));
        args.AddRange(["--cluster", cluster]);
        if (run.Baseline is { Count: > 0 } day1)
        {
            var baseline = Path.Combine(outDir, $"{run.Format}.baseline.json");
            var learn = CliRun.Of(["flows", "baseline", .. day1.Select(Path_), "--cluster", cluster, "-o", baseline]);
            if (learn.ExitCode != 0 || !File.Exists(baseline))
                return Failed(file, run, $"flows baseline exited {learn.ExitCode}: {FirstLine(learn.Error)}");
            args.AddRange(["--baseline", baseline]);
        }
        foreach (var audit in run.Audit ?? [])
            args.AddRange(["--audit", Path_(audit)]);
        args.AddRange(["-o", "json"]);

        var check = CliRun.Of([.. args]);
        File.WriteAllText(Path.Combine(outDir, $"{run.Format}.alerts.json"), check.Output);
        if (check.ExitCode is not (0 or 1))
            return Failed(file, run, $"flows check exited {check.ExitCode}: {FirstLine(check.Error)}");
        CheckOutput output;
        try
        {
            output = CheckOutput.Parse(check.Output);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return Failed(file, run, "flows check output is not the contract's JSON: " + e.Message);
        }
        return Scorer.Score(file.Scenario, run.Format, run.Alerts, output.Alerts) with { ShapeProblems = output.ShapeProblems };
    }

    private static RunScore Failed(LabelsFile file, LabelledRun run, string error) =>
        Scorer.Score(file.Scenario, run.Format, run.Alerts, [], error);

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}
