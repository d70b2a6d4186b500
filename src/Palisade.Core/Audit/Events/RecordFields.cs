using System.Buffers;

namespace Palisade.Audit.Events;

/// <summary>
/// The fields of one record as read, before it is known which shape it has (an Event, a GKE entry, an AKS or
/// EKS record); reused from record to record to save allocations.
/// </summary>
internal sealed class RecordFields
{
    public string? Kind;
    public string? ApiVersion;
    public string? Level;
    public string? AuditId;
    public string? Stage;
    public string? RequestUri;
    public string? Verb;
    public AuditUser? User;
    public AuditUser? ImpersonatedUser;
    public IReadOnlyList<string>? SourceIps;
    public string? UserAgent;
    public AuditObjectRef? ObjectRef;
    public int? StatusCode;
    public bool StatusFailure;
    public string? StatusMessage;
    public JsonBody? RequestObject;
    public JsonBody? ResponseObject;
    public DateTimeOffset? RequestReceived;
    public string? RequestReceivedText;
    public DateTimeOffset? StageTimestamp;
    public DateTimeOffset? Timestamp;
    public string? TimestampText;
    public IReadOnlyDictionary<string, string>? Annotations;

    // A wrapper array (items, records, events, logEvents): the record is a document of records.
    public bool HasWrapper;

    // GKE: the protoPayload and the entry around it.
    public bool HasProtoPayload;
    public string? MethodName;
    public string? ResourceName;
    public string? ServiceName;
    public int? GrpcCode;
    public string? InsertId;
    public string? OperationId;
    public bool? OperationLast;

    // AKS and EKS: the category, and the Event embedded in properties.log or message: a JSON string, unescaped
    // into a pooled array, or an object, a slice of the record (Embedded null).
    public string? Category;
    public string? LogStream;

    // AKS: a row of Log Analytics' AKSAudit or AKSAuditAdmin table, the Event's fields as its columns.
    public bool AksAuditTable;
    public string? EmbeddedField;
    public byte[]? Embedded;
    public int EmbeddedStart;
    public int EmbeddedLength;

    /// <summary>Gives the pooled copy of an embedded Event back.</summary>
    public void ReturnEmbedded()
    {
        if (Embedded is { } pooled)
            ArrayPool<byte>.Shared.Return(pooled);
        Embedded = null;
    }

    /// <summary>Forgets everything read, for the next record.</summary>
    public void Reset()
    {
        ReturnEmbedded();
        Kind = ApiVersion = Level = AuditId = Stage = RequestUri = Verb = UserAgent = StatusMessage = null;
        User = ImpersonatedUser = null;
        SourceIps = null;
        ObjectRef = null;
        StatusCode = null;
        StatusFailure = false;
        RequestObject = ResponseObject = null;
        RequestReceived = StageTimestamp = Timestamp = null;
        RequestReceivedText = TimestampText = null;
        Annotations = null;
        HasWrapper = false;
        HasProtoPayload = false;
        MethodName = ResourceName = ServiceName = InsertId = OperationId = null;
        GrpcCode = null;
        OperationLast = null;
        Category = LogStream = null;
        AksAuditTable = false;
        EmbeddedField = null;
        EmbeddedStart = EmbeddedLength = 0;
    }
}
