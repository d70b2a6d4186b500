namespace Palisade.Reporting.Diff;

/// <summary>Formats of a connectivity diff: np-guard's txt, csv, md and dot, and our json and SARIF.</summary>
public enum DiffFormat
{
    Txt,
    Csv,
    Md,
    Dot,
    Json,
    Sarif,
}
