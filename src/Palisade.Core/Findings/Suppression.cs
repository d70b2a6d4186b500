using Palisade.Model;

namespace Palisade.Findings;

/// <summary>Suppression by annotation: an object (or its namespace) that says which rules not to report on it.</summary>
public static class Suppression
{
    /// <summary>The annotation: a comma-separated list of rule ids or names, or <c>all</c>.</summary>
    public const string Annotation = "palisade.io/ignore";

    /// <summary>Whether the object's annotation names the rule.</summary>
    public static bool Suppresses(ObjectMeta meta, RuleInfo rule)
    {
        if (!meta.Annotations.TryGetValue(Annotation, out var value))
            return false;
        foreach (var part in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase) || rule.IsNamed(part))
                return true;
        }
        return false;
    }
}
