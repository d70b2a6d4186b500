using Palisade.Findings;

namespace Palisade.Reporting.Findings;

/// <summary>The check catalogue as Markdown: one section per category, one entry per check.</summary>
public static class CheckCatalogMarkdown
{
    /// <summary>Writes the catalogue.</summary>
    public static void Write(IReadOnlyList<RuleInfo> checks, TextWriter output)
    {
        output.Write("# Posture checks\n\nRun by `palisade lint` and `palisade scan`; `palisade checks -o md` prints this page. ");
        output.Write("Disable a check with `--disable ID-or-name`; suppress it on one object (or a whole namespace) with the annotation ");
        output.Write($"`{Suppression.Annotation}: \"ID-or-name,...\"` (or `all`). The severity shown is the default; ");
        output.Write("some checks raise or lower it per finding, as their text says.\n");
        foreach (var category in checks.GroupBy(c => c.Category))
        {
            output.Write($"\n## {category.Key}\n");
            foreach (var check in category)
            {
                output.Write($"\n### {check.Id} {check.Name} ({check.Severity.Name()})\n\n**{check.Title}.** {check.Description}\n\n");
                foreach (var reference in check.References)
                    output.Write($"- {reference}\n");
            }
        }
    }
}
