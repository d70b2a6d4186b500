namespace Palisade.Model;

/// <summary>A recorded write that changed the cluster: when, by whom, the verb and the object (<c>Kind ns/name</c>).</summary>
public sealed record ClusterChange(DateTimeOffset Time, string User, string Verb, string Object)
{
    /// <summary>
    /// <see cref="Time"/> as the audit log wrote it, when read from one: alerts citing the write repeat it as
    /// <c>audit</c> does, not a normalised form of the same instant.
    /// </summary>
    public string? TimeText { get; init; }
}
