namespace Palisade.Reporting.Sarif;

/// <summary>One SARIF result: a rule, a level (error, warning, note), a message and where, if known.</summary>
public sealed record SarifResult(string RuleId, string Level, string Message, SourceLocation? Location)
{
    /// <summary>A logical location (the Kubernetes object) when no file location is known, or in addition to it.</summary>
    public string? LogicalLocation { get; init; }

    /// <summary>A stable identity of the result across runs (partialFingerprints), so code-scanning UIs track it.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Extra properties (property bag) as name and string value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init => field = ValueCollections.List(value); } = [];
}
