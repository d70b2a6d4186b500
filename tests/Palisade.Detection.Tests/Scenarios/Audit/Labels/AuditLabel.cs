using System.Text.Json.Serialization;

namespace Palisade.Detection.Tests.Scenarios.Audit.Labels;

/// <summary>
/// One alert the contract requires of <c>palisade audit</c>: matched on (rule, user, verb, object); the time
/// (requestReceivedTimestamp) and <see cref="Opened"/> are checked as secondary figures. <see cref="Opened"/>
/// is null where it is not checked (a write without a body leaves the object unknown).
/// </summary>
public sealed record AuditLabel(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("time")] string Time)
{
    [JsonPropertyName("opened")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Opened { get; init; }

    [JsonPropertyName("why")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Why { get; init; }

    [JsonIgnore]
    public (string Rule, string User, string Verb, string Object) Key => (Rule, User, Verb, Object);

    public override string ToString() => $"{Rule} {User} {Verb} {Object}";
}
