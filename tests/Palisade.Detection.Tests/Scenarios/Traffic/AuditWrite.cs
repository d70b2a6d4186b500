using System.Text.Json.Nodes;

namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>
/// A NetworkPolicy write recorded in the audit log. <see cref="Policy"/> is the object after the write
/// (the responseObject); a failed or dry-run write changes nothing.
/// </summary>
public sealed record AuditWrite(DateTimeOffset Time, string User, string Verb, string Namespace, string Name, JsonObject? Policy, int Code = 200, bool DryRun = false)
{
    /// <summary>Whether the write changed the cluster's state.</summary>
    public bool Applied => Code < 400 && !DryRun;

    /// <summary>The contract's <c>object</c>: <c>Kind ns/name</c>.</summary>
    public string ObjectName => $"NetworkPolicy {Namespace}/{Name}";
}
