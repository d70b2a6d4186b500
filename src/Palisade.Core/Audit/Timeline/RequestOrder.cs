using System.Globalization;
using System.Text.Json;
using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// Puts audit events in the order the API server handled them and merges the stages of one request, as they
/// stream in: by the time the request was received, then by the resourceVersion it produced (etcd's revision),
/// then as read. Up to <c>capacity</c> requests wait to be ordered, so any disorder within that many is undone
/// and memory stays bounded on endless logs; a request that arrives after later ones were released is released
/// at once and counted as late. A request's merged event takes the latest stage that has a status, and the
/// bodies of whichever stages recorded them; a stage arriving after its request was released is dropped.
/// Not thread-safe.
/// </summary>
public sealed class RequestOrder(int capacity = RequestOrder.DefaultCapacity)
{
    /// <summary>How many requests wait to be ordered unless told otherwise (docs/detection.md states it).</summary>
    public const int DefaultCapacity = 50_000;

    private const int RememberReleased = 1 << 18;
    private readonly PriorityQueue<Entry, (long Ticks, long Version, long Sequence)> _queue = new();
    private readonly Dictionary<string, Entry> _waiting = new(StringComparer.Ordinal);
    private readonly ReleasedIds _released = new(RememberReleased);
    private (long Ticks, long Version, long Sequence) _lastReleased = (long.MinValue, 0, 0);
    private long _sequence;

    /// <summary>Requests released out of order because they arrived after later ones were.</summary>
    public long Late { get; private set; }

    /// <summary>Takes one event; returns the requests it lets go, in order.</summary>
    public IEnumerable<AuditEvent> Add(AuditEvent e)
    {
        var identity = e.RequestIdentity;
        // The API server takes the Audit-ID header a client sends as the auditID, so another request may come under the id
        // of an earlier one: it is a request of its own, under an id of its own, not a stage of that one.
        if ((_waiting.TryGetValue(e.AuditId, out var known) ? known.Identity : _released.IdentityOf(e.AuditId)) is { } other && other != identity)
            e = e.WithAuditId(e.RequestKey);
        if (_waiting.TryGetValue(e.AuditId, out var entry))
        {
            entry.Event = Combine(entry.Event, e);
            return [];
        }
        if (_released.IdentityOf(e.AuditId) is not null)
            return [];
        entry = new Entry(e, identity);
        var key = (e.RequestReceived.UtcTicks, ResourceVersion(e), _sequence++);
        if (key.CompareTo(_lastReleased) < 0)
        {
            Late++;
            Release(entry.Event.AuditId, identity, key);
            return [entry.Event];
        }
        _waiting[e.AuditId] = entry;
        _queue.Enqueue(entry, key);
        return _queue.Count > capacity ? [Next()] : [];
    }

    /// <summary>Every request still waiting, in order.</summary>
    public IEnumerable<AuditEvent> Flush()
    {
        while (_queue.Count > 0)
            yield return Next();
    }

    private AuditEvent Next()
    {
        _queue.TryDequeue(out var entry, out var key);
        _waiting.Remove(entry!.Event.AuditId);
        Release(entry.Event.AuditId, entry.Identity, key);
        return entry.Event;
    }

    private void Release(string auditId, int identity, (long, long, long) key)
    {
        if (key.CompareTo(_lastReleased) > 0)
            _lastReleased = key;
        _released.Add(auditId, identity);
    }


    private static AuditEvent Combine(AuditEvent kept, AuditEvent other)
    {
        // A Panic ends the request whatever was recorded before it, with or without a status.
        var later = other.Stage == "Panic" || kept.Stage != "Panic" && Rank(other.Stage) >= Rank(kept.Stage) && (other.StatusCode is not null || kept.StatusCode is null)
            ? other : kept;
        var earlier = ReferenceEquals(later, kept) ? other : kept;
        return new AuditEvent
        {
            AuditId = later.AuditId,
            Stage = later.Stage,
            Level = later.Level,
            Verb = later.Verb,
            RequestUri = later.RequestUri,
            User = later.User,
            ImpersonatedUser = later.ImpersonatedUser,
            SourceIps = later.SourceIps,
            UserAgent = later.UserAgent,
            ObjectRef = later.ObjectRef ?? earlier.ObjectRef,
            StatusCode = later.StatusCode,
            StatusFailure = later.StatusFailure,
            StatusMessage = later.StatusMessage,
            RequestBody = later.RequestBody ?? earlier.RequestBody,
            ResponseBody = later.ResponseBody ?? earlier.ResponseBody,
            RequestReceived = kept.RequestReceived < other.RequestReceived ? kept.RequestReceived : other.RequestReceived,
            RequestReceivedText = kept.RequestReceived < other.RequestReceived ? kept.RequestReceivedText : other.RequestReceivedText,
            StageTimestamp = later.StageTimestamp,
            Annotations = later.Annotations,
            DryRun = later.DryRun || earlier.DryRun,
            Truncated = later.Truncated,
            Format = later.Format,
            Location = kept.Location,
        };
    }

    private static int Rank(string stage) => stage switch
    {
        "RequestReceived" => 0,
        "ResponseStarted" => 1,
        "ResponseComplete" => 2,
        "Panic" => 3,
        _ => -1,
    };

    /// <summary>The revision the request produced, when recorded (0 otherwise, ordering before any write).</summary>
    private static long ResourceVersion(AuditEvent e)
    {
        string? text = null;
        if (e.ResponseBody is { Kind: JsonValueKind.Object } body && body.Element is var response
            && response.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String)
            text = version.GetString();
        text ??= e.ObjectRef?.ResourceVersion;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private sealed class Entry(AuditEvent e, int identity)
    {
        public AuditEvent Event { get; set; } = e;

        public int Identity { get; } = identity;
    }
}
