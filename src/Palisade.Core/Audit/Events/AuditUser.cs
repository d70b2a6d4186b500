namespace Palisade.Audit.Events;

/// <summary>An authenticated user as the audit event records it: name and groups.</summary>
public sealed record AuditUser(string Username)
{
    /// <summary>The user's groups (system:authenticated, system:serviceaccounts, ...).</summary>
    public IReadOnlyList<string> Groups { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The user's uid, when recorded.</summary>
    public string? Uid { get; init; }
}
