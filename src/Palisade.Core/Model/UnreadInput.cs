namespace Palisade.Model;

/// <summary>An input that could not be read (malformed, a template, a chart that could not be rendered), skipped by a lenient read.</summary>
public sealed record UnreadInput(SourceLocation Location, string Problem)
{
    /// <summary>FILE:LINE:COL: problem.</summary>
    public override string ToString() => $"{Location}: {Problem}";
}
