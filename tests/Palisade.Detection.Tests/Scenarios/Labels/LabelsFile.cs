using System.Text.Json;
using System.Text.Json.Serialization;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>
/// One run of <c>palisade flows check</c> on a scenario: its files (relative to the scenario directory) and
/// the alerts it must produce.
/// </summary>
public sealed record LabelledRun(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("flows")] IReadOnlyList<string> Flows,
    [property: JsonPropertyName("baseline")] IReadOnlyList<string>? Baseline,
    [property: JsonPropertyName("audit")] IReadOnlyList<string>? Audit,
    [property: JsonPropertyName("alerts")] IReadOnlyList<Label> Alerts);

/// <summary>A scenario's <c>labels.json</c>: what to run and what it must find, per format.</summary>
public sealed record LabelsFile(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("runs")] IReadOnlyList<LabelledRun> Runs)
{
    public const string FileName = "labels.json";

    public string ToJson() => JsonSerializer.Serialize(this, Json.Indented) + "\n";

    public static LabelsFile Read(string directory) =>
        JsonSerializer.Deserialize<LabelsFile>(File.ReadAllText(Path.Combine(directory, FileName)))
        ?? throw new InvalidDataException($"{directory}/{FileName} is empty");
}
