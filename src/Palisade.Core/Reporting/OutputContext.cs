namespace Palisade.Reporting;

/// <summary>
/// What a writer needs to know beyond the report: the directory that file paths in SARIF are made relative
/// to (code-scanning UIs resolve them against the repository; null keeps them absolute), and what the report
/// is about, as a title.
/// </summary>
public sealed record OutputContext(string? BaseDirectory, string Title)
{
    /// <summary>No base directory and no title.</summary>
    public static readonly OutputContext None = new(null, "");
}
