namespace Palisade.Model;

/// <summary>A recorded write that changed the cluster: when, by whom, the verb and the object (<c>Kind ns/name</c>).</summary>
public sealed record ClusterChange(DateTimeOffset Time, string User, string Verb, string Object);
