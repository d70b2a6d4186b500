using Palisade.Labels;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Labels the API server would refuse (a value over 63 characters, a key with a bad prefix or name): a warning, and
/// the label read as written. A refusal would stop a whole analysis for one label that selects as written anyway.
/// </summary>
internal static class LabelWarnings
{
    // Keys repeat across every pod of a cluster; each is judged once per thread (a bounded set, so a cluster of
    // generated keys cannot grow it without end).
    [ThreadStatic] private static HashSet<string>? _validKeys;

    /// <summary>Adds a warning for each label of <paramref name="labels"/> that the API server would refuse.</summary>
    public static void Check(IDictionary<string, string>? labels, string field, string objectName, MappingContext context)
    {
        if (labels is null || labels.Count == 0)
            return;
        var valid = _validKeys ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            var problem = LabelSyntax.ValueError(value ?? "");
            if (problem is null && !valid.Contains(key))
            {
                problem = LabelSyntax.KeyError(key);
                if (problem is null && valid.Count < 4096)
                    valid.Add(key);
            }
            if (problem is not null)
                context.Warnings.Add(context.Locations.Warning(field, $"{objectName}: {field}: {problem}; the API server refuses this object; read as written"));
        }
    }
}
