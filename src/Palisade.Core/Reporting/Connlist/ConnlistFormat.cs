namespace Palisade.Reporting.Connlist;

/// <summary>The np-guard-compatible formats of a connectivity report.</summary>
public enum ConnlistFormat
{
    Txt,
    Json,
    Csv,
    Md,
    Dot,
}
