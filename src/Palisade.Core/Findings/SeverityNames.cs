namespace Palisade.Findings;

/// <summary>Severity names as users type and read them (lower case).</summary>
public static class SeverityNames
{
    /// <summary>Every name, lowest first.</summary>
    public static readonly IReadOnlyList<string> All = ["info", "low", "medium", "high", "critical"];

    /// <summary>The lower-case name.</summary>
    public static string Name(this Severity severity) => All[(int)severity];

    /// <summary>Parses a lower- or mixed-case name.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], text, StringComparison.OrdinalIgnoreCase))
            {
                severity = (Severity)i;
                return true;
            }
        }
        severity = default;
        return false;
    }
}
