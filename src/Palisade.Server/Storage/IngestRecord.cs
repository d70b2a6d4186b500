namespace Palisade.Server.Storage;

/// <summary>
/// One record to store: its kind and format, the identity that makes a retry a duplicate (a hash of the content, or of
/// an audit event's auditID and stage), its own time, and the text that reads back as that one record (for VPC and
/// CSV, the header line first). Immutable.
/// </summary>
public sealed record IngestRecord(RecordKind Kind, string Format, byte[] Hash, DateTimeOffset Time, byte[] Body);
