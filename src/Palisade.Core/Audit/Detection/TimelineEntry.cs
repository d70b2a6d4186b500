namespace Palisade.Audit.Detection;

/// <summary>
/// One policy-relevant change of <c>palisade timeline</c>: when, who, the verb and object, and the connections
/// it opened and closed (null when a body was not recorded and the effect is unknown).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset Time, string User, string Verb, string Object, ConnectivityChange? Change)
{
    /// <summary>
    /// The time as the event wrote it, when in UTC: given rather than <see cref="Time"/> reformatted, so that the entry
    /// is found in the log and dated as <c>audit</c>'s alert on the same request.
    /// </summary>
    public string? TimeText { get; init; }
}
