using System.Text.Json.Serialization;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>The cause of a via-policy-change alert: the audit-logged write that opened the connection.</summary>
public sealed record LabelCause(
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("object")] string Object);

/// <summary>
/// One alert the contract requires: matched on (detector, src, dst, protocol); <see cref="Ports"/> (the
/// destination ports as the contract defines them, target ports for Services) are checked separately.
/// </summary>
public sealed record Label(
    [property: JsonPropertyName("detector")] string Detector,
    [property: JsonPropertyName("src")] string Src,
    [property: JsonPropertyName("dst")] string Dst,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("ports")] IReadOnlyList<int> Ports)
{
    [JsonPropertyName("cause")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelCause? Cause { get; init; }

    /// <summary>
    /// The connections the alert aggregates, for the detectors that report each connection of their key (null for
    /// those whose count depends on a window: port-scan, new-connection, the L7 detectors).
    /// </summary>
    [JsonPropertyName("count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    /// <summary>Why the generator expects it; a hint for whoever reads a miss.</summary>
    [JsonPropertyName("why")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Why { get; init; }

    [JsonIgnore]
    public (string, string, string, string) Key => (Detector, Src, Dst, Protocol);
}
