namespace Palisade.Audit.Detection;

/// <summary>
/// One policy-relevant change of <c>palisade timeline</c>: when, who, the verb and object, and the connections
/// it opened and closed (null when a body was not recorded and the effect is unknown).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset Time, string User, string Verb, string Object, ConnectivityChange? Change);
