using Palisade.Model;
using Palisade.Findings;

namespace Palisade.Posture;

/// <summary>
/// An object as read, for checks that need more than the network model: its annotations (suppressions,
/// legacy isolation) and a way to locate its fields.
/// </summary>
public sealed class ResourceMeta(ResourceRef resource, IReadOnlyDictionary<string, string> annotations, Func<string, SourceLocation?>? locate = null)
{
    /// <summary>The annotation that suppresses findings: a comma-separated list of check ids or names, or <c>all</c>.</summary>
    public const string SuppressAnnotation = "palisade.io/ignore";

    /// <summary>The object.</summary>
    public ResourceRef Resource { get; } = resource;

    /// <summary>metadata.annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; } = annotations;

    /// <summary>The location of a field by JSON path, falling back to the object's.</summary>
    public SourceLocation? Locate(string? field) =>
        field is not null && locate is not null ? locate(field) : Resource.Location;

    /// <summary>Whether the object's suppression annotation names the check.</summary>
    public bool Suppresses(RuleInfo check)
    {
        if (!Annotations.TryGetValue(SuppressAnnotation, out var value))
            return false;
        foreach (var part in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase) || check.IsNamed(part))
                return true;
        }
        return false;
    }
}
