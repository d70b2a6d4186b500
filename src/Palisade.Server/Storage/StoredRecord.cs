namespace Palisade.Server.Storage;

/// <summary>A committed record: its position in commit order (the detection cursor's unit), when it was received, and what was stored.</summary>
public sealed record StoredRecord(long Id, RecordKind Kind, string Format, DateTimeOffset Time, DateTimeOffset Received, byte[] Body);
