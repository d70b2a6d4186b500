using Palisade.Model;

namespace Palisade.Connectivity.Diff;

/// <summary>What a difference is attributed to: a policy rule or a workload, and where it is declared.</summary>
public sealed record DiffCause(string Description, SourceLocation? Location);
