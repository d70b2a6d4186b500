using System.Text;
using System.Text.Json;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Server.Api;
using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Turns an audit body into records, all or none: an <c>EventList</c> (as the API server's webhook sends it), one
/// <c>Event</c>, or Events one after another (JSON lines). Each event is checked by the audit reader and stored as its own JSON, keyed by
/// auditID and stage, so a batch the API server sends again is recognised event by event.
/// </summary>
public static class AuditBodyParser
{
    /// <summary>The records, in order (none for an <c>EventList</c> without items); <see cref="ApiProblem"/> 400 when malformed.</summary>
    public static IReadOnlyList<IngestRecord> Parse(byte[] content)
    {
        var items = Items(content);
        if (items.Count == 0)
            return [];
        var joined = new MemoryStream();
        foreach (var item in items)
        {
            joined.Write(item);
            joined.WriteByte((byte)'\n');
        }
        joined.Position = 0;
        List<AuditEvent> events;
        try
        {
            using var source = InputSource.FromStream("audit body", joined);
            events = [.. new AuditEventReader().Read(source, new ReadDiagnostics(strict: true))];
        }
        catch (InvalidInputException e)
        {
            throw ApiProblem.BadRequest(e.Message);
        }
        if (events.Count != items.Count)
            throw ApiProblem.BadRequest($"the audit body holds {items.Count} items but {events.Count} audit events; every item must be an audit.k8s.io Event");
        var records = new List<IngestRecord>(items.Count);
        for (var i = 0; i < items.Count; i++)
            records.Add(new IngestRecord(RecordKind.Audit, "audit", RecordHash.OfAudit(events[i].RequestKey, events[i].Stage), events[i].RequestReceived, items[i]));
        return records;
    }

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
