using Palisade.Findings;

namespace Palisade.Reporting.Findings;

/// <summary>The formats of findings of any producer (lint, and later flows and audit); the terminal table is the CLI's.</summary>
public static class FindingsFormats
{
    /// <summary>json, sarif and md.</summary>
    public static FormatRegistry<FindingsResult> All { get; } = new(
        new("json", ContentTypes.Json, (result, _, output) => FindingsJson.Write(result, output)),
        new("sarif", ContentTypes.Sarif, (result, context, output) => FindingsSarif.Write(result, context, output)),
        new("md", ContentTypes.Markdown, (result, _, output) => FindingsMarkdown.Write(result, output)));
}
