namespace Palisade.Server.Storage;

/// <summary>A recorded change of the live cluster: its sequence number, when it was applied, and its JSON object (see docs/api.md).</summary>
public sealed record StoredChange(long Sequence, DateTimeOffset Time, string Json);
