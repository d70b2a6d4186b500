namespace Palisade.Reporting.Findings;

/// <summary>The formats findings are written in; the terminal table is rendered by the CLI.</summary>
public enum FindingsFormat
{
    /// <summary>A terminal table.</summary>
    Table,

    /// <summary>Our JSON document.</summary>
    Json,

    /// <summary>SARIF 2.1.0, for code-scanning UIs.</summary>
    Sarif,

    /// <summary>Markdown, for pull-request comments.</summary>
    Md,
}
