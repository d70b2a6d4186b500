using Palisade.Model;

namespace Palisade.Findings;

/// <summary>
/// What every producer of findings does with its rules: skips the disabled ones, drops the findings suppressed
/// by annotation (on the object itself or on its namespace), locates each finding on its field, and orders
/// them: most severe first, then by namespace, subject, rule and message.
/// </summary>
public static class FindingsPipeline
{
    /// <summary>
    /// Runs the rules whose id or name is not in <paramref name="disabled"/> against the context. Findings that are
    /// only compared with others (<paramref name="onlyCompared"/>: a fix's proof) are neither located nor ordered.
    /// </summary>
    public static FindingsResult Run<TContext>(string producer, IEnumerable<IFindingRule<TContext>> rules, TContext context,
        ObjectIndex objects, IReadOnlyCollection<string> disabled, bool onlyCompared = false)
    {
        var enabled = rules.Where(r => !disabled.Any(r.Info.IsNamed)).ToArray();
        var findings = new List<Finding>();
        var suppressed = 0;
        foreach (var rule in enabled)
        {
            foreach (var finding in rule.Run(context))
            {
                if (IsSuppressed(objects, finding))
                {
                    suppressed++;
                    continue;
                }
                findings.Add(finding.Location is null && !onlyCompared ? Locate(objects, finding) : finding);
            }
        }
        if (!onlyCompared)
            findings.Sort(Compare);
        return new FindingsResult(producer, enabled.Select(r => r.Info).ToArray(), findings, suppressed);
    }

    private static bool IsSuppressed(ObjectIndex objects, Finding finding)
    {
        if (finding.Resource is not { } resource)
            return false;
        if (objects.Find(resource.Key) is { } meta && Suppression.Suppresses(meta, finding.Rule))
            return true;
        return resource.Namespace is { } ns
            && objects.Find(new ObjectKey("Namespace", null, ns)) is { } namespaceMeta && Suppression.Suppresses(namespaceMeta, finding.Rule);
    }

    private static Finding Locate(ObjectIndex objects, Finding finding) => finding.Resource is { } resource
        ? finding with { Location = objects.Find(resource.Key)?.Locate(finding.Field) ?? resource.Location ?? Reference(objects, resource.Key) }
        : finding;

    /// <summary>
    /// Where the first object of a namespace that no Namespace object declares names it: code-scanning UIs show a
    /// result only on a line, and that line is where the namespace comes from.
    /// </summary>
    private static SourceLocation? Reference(ObjectIndex objects, ObjectKey key)
    {
        if (key.Kind != "Namespace" || key.Namespace is not null)
            return null;
        foreach (var meta in objects)
        {
            if (meta.Key.Namespace == key.Name && meta.Locate("metadata.namespace") is { } at)
                return at;
        }
        return null;
    }

    private static int Compare(Finding a, Finding b)
    {
        var order = b.Severity.CompareTo(a.Severity);
        if (order == 0)
            order = string.CompareOrdinal(a.Resource?.Namespace ?? "", b.Resource?.Namespace ?? "");
        if (order == 0)
            order = string.CompareOrdinal(a.Subject, b.Subject);
        if (order == 0)
            order = string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
        return order == 0 ? string.CompareOrdinal(a.Message, b.Message) : order;
    }
}
