using System.Collections.ObjectModel;
using System.Text.Json;
using Palisade.Input;

namespace Palisade.Audit.Events;

/// <summary>
/// Turns one record (a JSON value found by <see cref="JsonRecordScanner"/>) into an <see cref="AuditEvent"/>:
/// an audit.k8s.io Event as such, a GKE Cloud Logging entry by mapping its AuditLog payload, an AKS or EKS
/// record through the Event embedded in it. Malformed records are reported, records of other log categories
/// counted as skipped. A record that is valid JSON but no event is reported without an exception, so that a
/// hostile file of millions of them costs no more than a log of events. Not thread-safe.
/// </summary>
internal sealed class AuditRecordParser
{
    private const string AuditApiGroupPrefix = "audit.k8s.io/";

    private readonly RecordFieldReader _reader = new();
    private readonly RecordFields _record = new();
    private readonly RecordFields _embedded = new();

    /// <summary>
    /// Events read so far that had no auditID, over every call: the reader warns once per file when it grows
    /// (<see cref="DerivedAuditId"/> gave them theirs).
    /// </summary>
    public long WithoutAuditId { get; private set; }

    /// <summary>
    /// The record's event, or null when it was malformed (reported) or of another kind (skipped). A
    /// <paramref name="tentative"/> record (a whole line) that is not exactly one JSON object is left to the
    /// scanner to split and report precisely: <paramref name="retry"/>. So is a record that <paramref name="mayBeDocument"/> (an
    /// element of a top-level array) and turns out to be a document of records, for the scanner to stream them.
    /// </summary>
    public AuditEvent? Parse(ReadOnlySpan<byte> json, RecordPosition at, bool eventListItem, bool tentative, bool mayBeDocument, ReadDiagnostics diagnostics, out bool retry)
    {
        retry = false;
        // A CloudWatch Logs Insights result is a list of its fields.
        if (json.IsEmpty || json[0] != (byte)'{' && (json[0] != (byte)'[' || tentative))
        {
            diagnostics.Report(at.Offset(0, 0), "not a JSON object: expected an audit event or a log record");
            return null;
        }
        _record.Reset();
        try
        {
            _reader.Read(json, _record);
            if (_record.HasWrapper)
            {
                retry = tentative || mayBeDocument;
                return retry ? null : Malformed(diagnostics, at, "a list of records inside another list");
            }
            var (auditEvent, problem) = Build(json, at, eventListItem ? AuditFormat.EventList : AuditFormat.Event, diagnostics);
            return problem is null ? auditEvent : Malformed(diagnostics, at, problem);
        }
        catch (JsonException) when (tentative)
        {
            // Not a single well-formed object: the scanner splits the line and finds where it goes wrong.
            retry = true;
        }
        catch (RecordException) when (tentative && !RecordFieldReader.IsOneObject(json))
        {
            // The problem showed before the end of the line was read, and the line is more than this object.
            retry = true;
        }
        catch (JsonException e)
        {
            diagnostics.Report(at.Offset(e.LineNumber, e.BytePositionInLine), "invalid JSON: " + Describe(e));
        }
        catch (RecordException e)
        {
            diagnostics.Report(at.Location, e.Message);
        }
        finally
        {
            _record.ReturnEmbedded();
        }
        return null;
    }

    private static AuditEvent? Malformed(ReadDiagnostics diagnostics, RecordPosition at, string problem)
    {
        diagnostics.Report(at.Location, problem);
        return null;
    }

    /// <summary>The event of a record read whole, or what is wrong with it (neither when it is skipped).</summary>
    private (AuditEvent? Event, string? Problem) Build(ReadOnlySpan<byte> json, RecordPosition at, AuditFormat format, ReadDiagnostics diagnostics)
    {
        var record = _record;
        if (record.HasProtoPayload)
            return Gke(record, at, diagnostics);
        if (record.Category is { } category)
        {
            if (!category.Equals("kube-audit", StringComparison.OrdinalIgnoreCase) && !category.Equals("kube-audit-admin", StringComparison.OrdinalIgnoreCase))
                return Skipped(diagnostics);
            return record.EmbeddedField is null
                ? (null, $"AKS {category} record without properties.log (or log_s)")
                : Embedded(json, AuditFormat.Aks, at);
        }
        if (record.EmbeddedField is not null)
        {
            // A CloudWatch export of the whole log group also holds the other control-plane logs (API server,
            // authenticator, controller manager), text or JSON: skipped by their stream, or for not being an object.
            var otherStream = record.LogStream is { } stream && !stream.StartsWith("kube-apiserver-audit", StringComparison.Ordinal);
            // A log shipper's record of the API server's container (or Loki's of what was shipped to it) carries its other
            // lines (klog text) beside the events.
            var shipped = record.EmbeddedField is "log" or "line";
            if (!otherStream && !StartsAnObject(EmbeddedBytes(json, record)) && (record.Kind is not null || record.ApiVersion is not null))
                // An object with a kind is no envelope of text (CloudWatch and shippers write none): a core Event's message is
                // its own, and it is judged as the record it is, not skipped as another log's line.
                return ToEvent(record, format, at);
            return otherStream || !StartsAnObject(EmbeddedBytes(json, record)) ? Skipped(diagnostics)
                : Embedded(json, shipped ? AuditFormat.Event : AuditFormat.Eks, at);
        }
        return ToEvent(record, record.AksAuditTable ? AuditFormat.Aks : format, at);
    }

    private static (AuditEvent?, string?) Skipped(ReadDiagnostics diagnostics)
    {
        diagnostics.Skip();
        return (null, null);
    }

    private static ReadOnlySpan<byte> EmbeddedBytes(ReadOnlySpan<byte> json, RecordFields record) =>
        record.Embedded is { } copy
            ? copy.AsSpan(0, record.EmbeddedLength)
            : json.Slice(record.EmbeddedStart, record.EmbeddedLength);

    private static bool StartsAnObject(ReadOnlySpan<byte> text)
    {
        var trimmed = text.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'{';
    }

    /// <summary>The Event inside an AKS or EKS record; its problems are the record's, named by the field.</summary>
    private (AuditEvent?, string?) Embedded(ReadOnlySpan<byte> json, AuditFormat format, RecordPosition at)
    {
        var field = _record.EmbeddedField!;
        _embedded.Reset();
        try
        {
            _reader.Read(EmbeddedBytes(json, _record), _embedded);
        }
        catch (JsonException e)
        {
            return (null, $"{field}: invalid JSON: {Describe(e)}");
        }
        catch (RecordException e)
        {
            return (null, $"{field}: {e.Message}");
        }
        if (_embedded.HasWrapper || _embedded.HasProtoPayload || _embedded.Category is not null || _embedded.EmbeddedField is not null)
            return (null, $"{field}: not an audit event");
        var (auditEvent, problem) = ToEvent(_embedded, format, at);
        return (auditEvent, problem is null ? null : $"{field}: {problem}");
    }

    /// <summary>
    /// An audit.k8s.io Event, checked for what only an audit event has and for the fields every one has. One without
    /// auditID (hand-written or minimally generated) gets one derived from what else identifies its request.
    /// </summary>
    private (AuditEvent?, string?) ToEvent(RecordFields f, AuditFormat format, RecordPosition at)
    {
        if (NotAnAuditEvent(f, format) is { } notAnEvent)
            return (null, notAnEvent);
        if (f.Verb is null)
            return (null, "audit event without verb");
        if ((f.RequestReceived ?? f.StageTimestamp ?? f.Timestamp) is not { } received)
            return (null, "audit event without requestReceivedTimestamp");
        var annotations = f.Annotations ?? ReadOnlyDictionary<string, string>.Empty;
        var uri = f.RequestUri ?? "";
        if (f.AuditId is null)
            WithoutAuditId++;
        return (new AuditEvent
        {
            AuditId = f.AuditId ?? DerivedAuditId.Of(received, f.Verb, f.User, f.ImpersonatedUser, f.ObjectRef, uri),
            Verb = f.Verb,
            RequestReceived = received,
            RequestReceivedText = f.RequestReceived is not null ? f.RequestReceivedText : null,
            StageTimestamp = f.StageTimestamp,
            Stage = f.Stage ?? "",
            Level = f.Level ?? "",
            RequestUri = uri,
            User = f.User ?? new AuditUser(""),
            ImpersonatedUser = f.ImpersonatedUser,
            SourceIps = f.SourceIps ?? [],
            UserAgent = f.UserAgent,
            ObjectRef = f.ObjectRef,
            StatusCode = f.StatusCode,
            StatusFailure = f.StatusFailure,
            StatusMessage = f.StatusMessage,
            RequestBody = f.RequestObject,
            ResponseBody = f.ResponseObject,
            Annotations = annotations,
            DryRun = RequestUris.IsDryRun(uri) || DeleteOptions.AsksDryRun(f.Verb, f.RequestObject),
            Truncated = IsTruncated(annotations),
            Format = format,
            Location = at.Location,
        }, null);
    }

    private static string? NotAnAuditEvent(RecordFields f, AuditFormat format)
    {
        if (f.Kind is not null && f.Kind != "Event")
            return $"not an audit event: kind {f.Kind}";
        if (f.ApiVersion is not null && !f.ApiVersion.StartsWith(AuditApiGroupPrefix, StringComparison.Ordinal))
            return $"not an audit event: apiVersion {f.ApiVersion} (a core Event?); audit events are {AuditApiGroupPrefix}v1";
        // Some captured events lack kind and apiVersion; these three fields are what only an audit event has. An EventList's
        // items need not say their kind, the list does: there, a verb and a stage are enough.
        if (f.Kind is null && (f.AuditId is null && format != AuditFormat.EventList || f.Verb is null || f.Stage is null))
            return "not an audit event: no kind, and not all of auditID, verb and stage";
        return null;
    }

    private static bool IsTruncated(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue("audit.k8s.io/truncated", out var truncated) && truncated == "true";

    /// <summary>
    /// A GKE entry as the Event it records. GKE keeps no stage, level, groups nor URI: the stage is the last
    /// unless the entry says it is the first of a long-running operation, and the level follows the bodies present.
    /// </summary>
    private static (AuditEvent?, string?) Gke(RecordFields f, RecordPosition at, ReadDiagnostics diagnostics)
    {
        if (f.MethodName is not { } method)
            return (null, "GKE entry without protoPayload.methodName");
        if (!GkeResource.IsKubernetes(f.ServiceName, method))
            return Skipped(diagnostics);
        if ((f.OperationId ?? f.InsertId) is not { } auditId)
            return (null, "GKE entry without operation.id or insertId");
        if (f.Timestamp is not { } time)
            return (null, "GKE entry without timestamp");
        var (verb, objectRef) = GkeResource.Parse(method, f.ResourceName);
        var annotations = f.Annotations ?? ReadOnlyDictionary<string, string>.Empty;
        return (new AuditEvent
        {
            AuditId = auditId,
            Verb = verb,
            RequestReceived = time,
            RequestReceivedText = f.TimestampText,
            StageTimestamp = time,
            Stage = f.OperationLast == false ? "ResponseStarted" : "ResponseComplete",
            Level = f.ResponseObject is not null ? "RequestResponse" : f.RequestObject is not null ? "Request" : "Metadata",
            User = f.User ?? new AuditUser(""),
            SourceIps = f.SourceIps ?? [],
            UserAgent = f.UserAgent,
            ObjectRef = objectRef,
            StatusCode = GrpcStatus.ToHttp(f.GrpcCode ?? 0),
            StatusMessage = f.StatusMessage,
            RequestBody = f.RequestObject,
            ResponseBody = f.ResponseObject,
            Annotations = annotations,
            DryRun = DeleteOptions.AsksDryRun(verb, f.RequestObject),
            Truncated = IsTruncated(annotations),
            Format = AuditFormat.Gke,
            Location = at.Location,
        }, null);
    }

    /// <summary>The reader's message without the position it appends (the caller gives the absolute one).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position > 0 ? message[..position] : message;
    }
}
