using Palisade.Findings;
using Palisade.Model;
namespace Palisade.Posture;

/// <summary>
/// Runs checks, drops the disabled ones and the findings suppressed by annotation (on the object itself or
/// on its namespace), locates each finding on its field, and orders them: most severe first, then by
/// namespace, resource and check.
/// </summary>
public static class PostureRunner
{
    /// <summary>Runs the checks whose id or name is not in <paramref name="disabled"/>.</summary>
    public static FindingsResult Run(PostureContext context, IEnumerable<IPostureCheck> checks, IReadOnlyCollection<string> disabled)
    {
        var enabled = checks.Where(c => !disabled.Any(c.Info.IsNamed)).ToArray();
        var findings = new List<Finding>();
        var suppressed = 0;
        foreach (var check in enabled)
        {
            foreach (var finding in check.Run(context))
            {
                if (IsSuppressed(context, finding))
                {
                    suppressed++;
                    continue;
                }
                findings.Add(finding.Location is null ? Locate(context, finding) : finding);
            }
        }
        findings.Sort(Compare);
        return new FindingsResult(enabled.Select(c => c.Info).ToArray(), findings, suppressed);
    }

    private static bool IsSuppressed(PostureContext context, Finding finding)
    {
        if (context.Meta(finding.Resource)?.Suppresses(finding.Check) == true)
            return true;
        return finding.Resource.Namespace is { } ns
            && context.Meta(new ResourceRef("Namespace", null, ns))?.Suppresses(finding.Check) == true;
    }

    private static Finding Locate(PostureContext context, Finding finding) =>
        finding with { Location = context.Meta(finding.Resource)?.Locate(finding.Field) ?? finding.Resource.Location };

    private static int Compare(Finding a, Finding b)
    {
        var order = b.Severity.CompareTo(a.Severity);
        if (order == 0)
            order = string.CompareOrdinal(a.Resource.Namespace ?? "", b.Resource.Namespace ?? "");
        if (order == 0)
            order = string.CompareOrdinal(a.Resource.ToString(), b.Resource.ToString());
        if (order == 0)
            order = string.CompareOrdinal(a.Check.Id, b.Check.Id);
        return order == 0 ? string.CompareOrdinal(a.Message, b.Message) : order;
    }
}
