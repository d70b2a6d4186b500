using System.Collections.ObjectModel;
using System.Text.Json;
using Palisade.Input;

namespace Palisade.Audit.Events;

/// <summary>
/// Turns one record (a JSON object found by <see cref="JsonRecordScanner"/>) into an <see cref="AuditEvent"/>:
/// an audit.k8s.io Event as such, a GKE Cloud Logging entry by mapping its AuditLog payload, an AKS or EKS
/// record through the Event embedded in it. Malformed records are reported, records of other log categories
/// counted as skipped. Not thread-safe.
/// </summary>
internal sealed class AuditRecordParser
{
    private const string AuditApiGroupPrefix = "audit.k8s.io/";

    private readonly RecordFieldReader _reader = new();
    private readonly RecordFields _record = new();
    private readonly RecordFields _embedded = new();

    /// <summary>
    /// The record's event, or null when it was malformed (reported) or of another kind (skipped). A
    /// <paramref name="tentative"/> record (a whole line) that is not exactly one good record is left to the
    /// scanner to split and report precisely: <paramref name="retry"/>.
    /// </summary>
    public AuditEvent? Parse(ReadOnlySpan<byte> json, RecordPosition at, bool eventListItem, bool tentative, ReadDiagnostics diagnostics, out bool retry)
    {
        _record.Reset();
        retry = false;
        try
        {
            _reader.Read(json, _record);
            if (_record.HasWrapper && tentative)
            {
                retry = true;
                return null;
            }
            return Build(json, at, eventListItem ? AuditFormat.EventList : AuditFormat.Event, diagnostics);
        }
        catch (JsonException) when (tentative)
        {
            retry = true;
        }
        catch (RecordException) when (tentative)
        {
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

    private AuditEvent? Build(ReadOnlySpan<byte> json, RecordPosition at, AuditFormat format, ReadDiagnostics diagnostics)
    {
        var record = _record;
        if (record.HasProtoPayload)
            return Gke(record, at, diagnostics);
        if (record.Category is { } category)
        {
            if (!category.Equals("kube-audit", StringComparison.OrdinalIgnoreCase) && !category.Equals("kube-audit-admin", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Skip();
                return null;
            }
            if (record.EmbeddedField is null)
                throw new RecordException($"AKS {category} record without properties.log");
            return Embedded(json, AuditFormat.Aks, at);
        }
        if (record.EmbeddedField is not null)
        {
            if (!StartsAnObject(EmbeddedBytes(json, record)))
            {
                // A CloudWatch export of the whole log group also holds the API server's and authenticator's text logs.
                diagnostics.Skip();
                return null;
            }
            return Embedded(json, AuditFormat.Eks, at);
        }
        return ToEvent(record, format, at);
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
    private AuditEvent Embedded(ReadOnlySpan<byte> json, AuditFormat format, RecordPosition at)
    {
        var field = _record.EmbeddedField!;
        _embedded.Reset();
        try
        {
            _reader.Read(EmbeddedBytes(json, _record), _embedded);
        }
        catch (JsonException e)
        {
            throw new RecordException($"{field}: invalid JSON: {Describe(e)}");
        }
        catch (RecordException e)
        {
            throw new RecordException($"{field}: {e.Message}");
        }
        if (_embedded.HasProtoPayload || _embedded.Category is not null || _embedded.EmbeddedField is not null)
            throw new RecordException($"{field}: not an audit event");
        return ToEvent(_embedded, format, at);
    }

    private static AuditEvent ToEvent(RecordFields f, AuditFormat format, RecordPosition at)
    {
        if (f.Kind is not null && f.Kind != "Event")
            throw new RecordException($"not an audit event: kind {f.Kind}");
        if (f.ApiVersion is not null && !f.ApiVersion.StartsWith(AuditApiGroupPrefix, StringComparison.Ordinal))
            throw new RecordException($"not an audit event: apiVersion {f.ApiVersion} (a core Event?); audit events are {AuditApiGroupPrefix}v1");
        // Some captured events lack kind and apiVersion; these three fields are what only an audit event has.
        if (f.Kind is null && (f.AuditId is null || f.Verb is null || f.Stage is null))
            throw new RecordException("not an audit event: no kind, and not all of auditID, verb and stage");
        var annotations = f.Annotations ?? ReadOnlyDictionary<string, string>.Empty;
        var uri = f.RequestUri ?? "";
        return new AuditEvent
        {
            AuditId = f.AuditId ?? throw new RecordException("audit event without auditID"),
            Verb = f.Verb ?? throw new RecordException("audit event without verb"),
            RequestReceived = f.RequestReceived ?? f.StageTimestamp ?? f.Timestamp
                ?? throw new RecordException("audit event without requestReceivedTimestamp"),
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
            StatusMessage = f.StatusMessage,
            RequestObject = f.RequestObject,
            ResponseObject = f.ResponseObject,
            Annotations = annotations,
            DryRun = RequestUris.IsDryRun(uri),
            Truncated = IsTruncated(annotations),
            Format = format,
            Location = at.Location,
        };
    }

    private static bool IsTruncated(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue("audit.k8s.io/truncated", out var truncated) && truncated == "true";

    /// <summary>
    /// A GKE entry as the Event it records. GKE keeps no stage, level, groups nor URI: the stage is the last
    /// unless the entry says it is the first of a long-running operation, and the level follows the bodies present.
    /// </summary>
    private static AuditEvent? Gke(RecordFields f, RecordPosition at, ReadDiagnostics diagnostics)
    {
        var method = f.MethodName ?? throw new RecordException("GKE entry without protoPayload.methodName");
        if (!GkeResource.IsKubernetes(f.ServiceName, method))
        {
            diagnostics.Skip();
            return null;
        }
        var (verb, objectRef) = GkeResource.Parse(method, f.ResourceName);
        var time = f.Timestamp ?? throw new RecordException("GKE entry without timestamp");
        var annotations = f.Annotations ?? ReadOnlyDictionary<string, string>.Empty;
        return new AuditEvent
        {
            AuditId = f.OperationId ?? f.InsertId ?? throw new RecordException("GKE entry without operation.id or insertId"),
            Verb = verb,
            RequestReceived = time,
            StageTimestamp = time,
            Stage = f.OperationLast == false ? "ResponseStarted" : "ResponseComplete",
            Level = f.ResponseObject is not null ? "RequestResponse" : f.RequestObject is not null ? "Request" : "Metadata",
            User = f.User ?? new AuditUser(""),
            SourceIps = f.SourceIps ?? [],
            UserAgent = f.UserAgent,
            ObjectRef = objectRef,
            StatusCode = GrpcStatus.ToHttp(f.GrpcCode ?? 0),
            StatusMessage = f.StatusMessage,
            RequestObject = f.RequestObject,
            ResponseObject = f.ResponseObject,
            Annotations = annotations,
            Truncated = IsTruncated(annotations),
            Format = AuditFormat.Gke,
            Location = at.Location,
        };
    }

    /// <summary>The reader's message without the position it appends (the caller gives the absolute one).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position > 0 ? message[..position] : message;
    }
}
