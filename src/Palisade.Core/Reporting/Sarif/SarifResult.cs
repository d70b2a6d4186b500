using Palisade.Model;

namespace Palisade.Reporting.Sarif;

/// <summary>One SARIF result: a rule, a level (error, warning, note), a message and where, if known.</summary>
public sealed record SarifResult(string RuleId, string Level, string Message, SourceLocation? Location);
