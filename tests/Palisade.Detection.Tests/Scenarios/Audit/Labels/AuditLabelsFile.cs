using System.Text.Json;
using System.Text.Json.Serialization;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Audit.Labels;

/// <summary>One run of <c>palisade audit</c>: a wrapper's file, the events it holds and the alerts it must produce.</summary>
public sealed record AuditRun(
    [property: JsonPropertyName("wrapper")] string Wrapper,
    [property: JsonPropertyName("log")] string Log,
    [property: JsonPropertyName("events")] int Events,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AuditLabel> Alerts);

/// <summary>A scenario's <c>labels.json</c>: the cluster, the trusted users, and per wrapper what to find.</summary>
public sealed record AuditLabelsFile(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("trustedUsers")] IReadOnlyList<string> TrustedUsers,
    [property: JsonPropertyName("runs")] IReadOnlyList<AuditRun> Runs)
{
    public const string FileName = "labels.json";

    public string ToJson() => JsonSerializer.Serialize(this, Json.Indented) + "\n";

    public static AuditLabelsFile Read(string directory) =>
        JsonSerializer.Deserialize<AuditLabelsFile>(File.ReadAllText(Path.Combine(directory, FileName)))
        ?? throw new InvalidDataException($"{directory}/{FileName} is empty");
}
