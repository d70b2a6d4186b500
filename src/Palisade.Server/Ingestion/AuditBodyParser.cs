using System.Text;
using System.Text.Json;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Server.Api;
using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Turns an audit body into records: an <c>EventList</c> (as the API server's webhook sends it), one <c>Event</c>, or
/// Events one after another (JSON lines). Each event is checked by the audit reader and stored as its own JSON, keyed by
/// auditID and stage, so a batch the API server sends again is recognised event by event. A body that is not JSON, or
/// whose items are all bad, is refused whole; otherwise the bad items are refused one by one and the good ones kept,
/// since the webhook does not send a refused batch again and its good events would be lost.
/// </summary>
public static class AuditBodyParser
{
    /// <summary>The records, in order (none for an <c>EventList</c> without items), with the items refused; <see cref="ApiProblem"/> 400 when none is good.</summary>
    public static ParsedBody Parse(byte[] content)
    {
        var items = Items(content);
        if (items.Count == 0)
            return new ParsedBody([]);
        var whole = ReadWhole(items);
        if (whole.Events is { } events && events.Count == items.Count)
            return new ParsedBody(Records(items, events));
        return OneByOne(items, whole.Error);
    }

    /// <summary>The fast path: every item read in one pass; the reader's error, or null events when an item is not an Event.</summary>
    private static (List<AuditEvent>? Events, string Error) ReadWhole(List<byte[]> items)
    {
        var joined = new MemoryStream();
        foreach (var item in items)
        {
            joined.Write(item);
            joined.WriteByte((byte)'\n');
        }
        joined.Position = 0;
        try
        {
            using var source = InputSource.FromStream("audit body", joined);
            List<AuditEvent> events = [.. new AuditEventReader().Read(source, new ReadDiagnostics(strict: true))];
            return (events, $"the audit body holds {items.Count} items but {events.Count} audit events; every item must be an audit.k8s.io Event");
        }
        catch (InvalidInputException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Each item read alone: the good ones kept, the others counted with the first one's reason; 400 when none is good.</summary>
    private static ParsedBody OneByOne(List<byte[]> items, string wholeError)
    {
        var records = new List<IngestRecord>(items.Count);
        var rejected = 0;
        string? firstError = null;
        for (var i = 0; i < items.Count; i++)
        {
            var (read, error) = ReadOne(items[i]);
            if (read is { } e)
            {
                records.Add(Record(items[i], e));
                continue;
            }
            rejected++;
            firstError ??= $"items[{i}]: {error}";
        }
        if (records.Count == 0)
            throw ApiProblem.BadRequest(items.Count == 1 ? wholeError : $"no item is an audit event; {firstError}");
        return new ParsedBody(records, rejected, firstError);
    }

    private static (AuditEvent? Event, string Error) ReadOne(byte[] item)
    {
        try
        {
            using var source = InputSource.FromStream("audit item", new MemoryStream(item, writable: false));
            List<AuditEvent> events = [.. new AuditEventReader().Read(source, new ReadDiagnostics(strict: true))];
            return events.Count == 1 ? (events[0], "") : (null, "not an audit.k8s.io Event");
        }
        catch (InvalidInputException e)
        {
            // The item's own line and column say nothing to the sender: the index does.
            return (null, string.Join(": ", new[] { e.ObjectName, e.Field, e.Problem }.OfType<string>()));
        }
    }

    private static List<IngestRecord> Records(List<byte[]> items, List<AuditEvent> events)
    {
        var records = new List<IngestRecord>(items.Count);
        for (var i = 0; i < items.Count; i++)
            records.Add(Record(items[i], events[i]));
        return records;
    }

    private static IngestRecord Record(byte[] item, AuditEvent e) =>
        new(RecordKind.Audit, "audit", RecordHash.OfAudit(e.RequestKey, e.Stage), e.RequestReceived, item);

    /// <summary>The events' JSON texts: an EventList's items, one Event, or Events one after another.</summary>
    private static List<byte[]> Items(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 128 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items))
            {
                if (items.ValueKind != JsonValueKind.Array)
                    throw ApiProblem.BadRequest("items: not an array");
                return [.. items.EnumerateArray().Select(i => Encoding.UTF8.GetBytes(i.GetRawText()))];
            }
            if (root.ValueKind == JsonValueKind.Object)
                return [Encoding.UTF8.GetBytes(root.GetRawText())];
            throw ApiProblem.BadRequest("the audit body is neither an EventList nor an Event");
        }
        catch (JsonException)
        {
            // Not one JSON document: Events one after another (JSON lines, or documents over several lines).
        }
        return [.. JsonDocuments.Split(content).Select(d => d.Body)];
    }
}
