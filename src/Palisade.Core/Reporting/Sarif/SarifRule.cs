namespace Palisade.Reporting.Sarif;

/// <summary>A SARIF reporting descriptor: a stable id, a name and a one-line description.</summary>
public sealed record SarifRule(string Id, string Name, string Description, string? HelpUri = null)
{
    /// <summary>The longer explanation (fullDescription).</summary>
    public string? FullDescription { get; init; }

    /// <summary>How to fix, and the references (help.text and help.markdown).</summary>
    public string? Help { get; init; }

    /// <summary>The level of the rule's results unless a result says otherwise (defaultConfiguration.level).</summary>
    public string? DefaultLevel { get; init; }

    /// <summary>Tags shown and filtered on by code-scanning UIs.</summary>
    public IReadOnlyList<string> Tags { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>GitHub's <c>security-severity</c> score (0.1–10), which sets the alert's severity there.</summary>
    public string? SecuritySeverity { get; init; }
}
