namespace Palisade.Findings;

/// <summary>
/// What a check is: a stable id (<c>PAL101</c>), a short kebab-case name, a title, the default severity,
/// its category, why it matters, and references to the guidance it implements.
/// </summary>
public sealed record RuleInfo(string Id, string Name, string Title, Severity Severity, string Category, string Description)
{
    /// <summary>CIS Kubernetes Benchmark sections, NSA/CISA hardening guidance, kubescape control ids.</summary>
    public IReadOnlyList<string> References { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether the id or the name is the given text (case-insensitive), as <c>--disable</c> accepts either.</summary>
    public bool IsNamed(string text) =>
        string.Equals(Id, text, StringComparison.OrdinalIgnoreCase) || string.Equals(Name, text, StringComparison.OrdinalIgnoreCase);
}
