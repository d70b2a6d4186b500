namespace Palisade.Reporting;

/// <summary>The media types of our formats.</summary>
public static class ContentTypes
{
    /// <summary>Plain text.</summary>
    public const string Text = "text/plain";

    /// <summary>JSON.</summary>
    public const string Json = "application/json";

    /// <summary>SARIF 2.1.0.</summary>
    public const string Sarif = "application/sarif+json";

    /// <summary>Markdown.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>Comma-separated values.</summary>
    public const string Csv = "text/csv";

    /// <summary>Graphviz dot.</summary>
    public const string Dot = "text/vnd.graphviz";

    /// <summary>JSON lines: one JSON value per line.</summary>
    public const string JsonLines = "application/jsonl";

    /// <summary>HTML.</summary>
    public const string Html = "text/html";
}
