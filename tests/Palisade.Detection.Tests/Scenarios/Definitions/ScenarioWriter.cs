using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// Writes a scenario as a directory: <c>cluster/</c> (manifests for <c>--cluster</c>), <c>flows/</c>
/// (<c>day2.FORMAT.EXT</c> checked, <c>day1.FORMAT.EXT</c> for the baseline), <c>audit/audit.log</c>, and
/// <c>labels.json</c> with one run per format.
/// </summary>
public static class ScenarioWriter
{
    public static LabelsFile Write(Scenario scenario, string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        var clusterDir = Directory.CreateDirectory(Path.Combine(directory, "cluster")).FullName;
        foreach (var (file, objects) in ManifestObjects.Files(scenario.Cluster))
        {
            if (objects.Count > 0)
                File.WriteAllText(Path.Combine(clusterDir, file), YamlEmitter.Documents(objects));
        }
        Directory.CreateDirectory(Path.Combine(directory, "flows"));
        string? audit = null;
        if (scenario.Audit.Count > 0)
        {
            audit = "audit/audit.log";
            Directory.CreateDirectory(Path.Combine(directory, "audit"));
            File.WriteAllText(Path.Combine(directory, audit), AuditLogWriter.Write(scenario.Audit, ScenarioCatalog.Start));
        }

        var runs = new List<LabelledRun>();
        foreach (var format in scenario.Formats)
        {
            var writer = FlowWriters.For(format);
            var flows = "flows/" + format.FileName("day2");
            File.WriteAllText(Path.Combine(directory, flows), writer.Write([.. Scenario.In(scenario.Traffic, format)], scenario.Cluster));
            string? baseline = null;
            if (scenario.UsesBaseline(format))
            {
                baseline = "flows/" + format.FileName("day1");
                File.WriteAllText(Path.Combine(directory, baseline), writer.Write([.. Scenario.In(scenario.BaselineTraffic!, format)], scenario.Cluster));
            }
            runs.Add(new LabelledRun(format.Id, [flows], baseline is null ? null : [baseline], scenario.UsesAudit(format) ? [audit!] : null,
                LabelOracle.For(scenario, format)));
        }
        var labels = new LabelsFile(scenario.Name, scenario.Description, "cluster", runs);
        File.WriteAllText(Path.Combine(directory, LabelsFile.FileName), labels.ToJson());
        return labels;
    }
}
