namespace Palisade.Reporting;

/// <summary>One output format of a report type: its name (as <c>-o</c> takes it), its media type and its writer.</summary>
public sealed record ReportFormat<TReport>(string Name, string ContentType, Action<TReport, OutputContext, TextWriter> Write);
