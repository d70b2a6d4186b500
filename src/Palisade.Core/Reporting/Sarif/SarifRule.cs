namespace Palisade.Reporting.Sarif;

/// <summary>A SARIF reporting descriptor: a stable id, a name and a one-line description.</summary>
public sealed record SarifRule(string Id, string Name, string Description, string? HelpUri = null);
