using System.Globalization;
using System.Text.Json;
using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// Puts audit events in the order the API server handled them and merges the stages of one request, as they
/// stream in: by the time the request was received, then by the resourceVersion it produced (etcd's revision),
/// then as read; except that a write whose revision is lower than that of the write the time puts first, and that was
/// received at most <see cref="ClockSkew"/> later, goes first: the API servers of a highly available control plane stamp
/// requests with their own clocks, and etcd's revision is one sequence for all of them. Where no revision tells, a create
/// that succeeded goes before an update or patch of the same object received at most <see cref="ClockSkew"/> earlier, no
/// delete of it waiting between them: the object cannot be patched before it exists. Up to <c>capacity</c> requests
/// wait to be ordered, so any disorder within that many is undone and memory stays bounded on endless logs; a request that arrives after later ones were released is released
/// at once and counted as late. A request's merged event takes the latest stage that has a status, and the
/// bodies of whichever stages recorded them; a stage arriving after its request was released is dropped.
/// Not thread-safe.
/// </summary>
public sealed class RequestOrder(int capacity = RequestOrder.DefaultCapacity)
{
    /// <summary>How many requests wait to be ordered unless told otherwise (docs/detection.md states it).</summary>
    public const int DefaultCapacity = 50_000;

    private const int RememberReleased = 1 << 18;

    /// <summary>How far apart the clocks of two API servers may be for their writes to be ordered by what they did instead.</summary>
    private static readonly long ClockSkew = TimeSpan.FromSeconds(5).Ticks;

    private readonly PriorityQueue<Entry, (long Ticks, long Version, long Sequence)> _queue = new();
    private readonly PriorityQueue<Entry, (long Version, long Sequence)> _byRevision = new();
    private readonly Dictionary<string, List<Entry>> _createsAndDeletes = new(StringComparer.Ordinal);
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
            Track(entry);
            return [];
        }
        if (_released.IdentityOf(e.AuditId) is not null)
            return [];
        entry = new Entry(e, identity, _sequence);
        var key = (e.RequestReceived.UtcTicks, ResourceVersion(e), _sequence++);
        if (key.CompareTo(_lastReleased) < 0)
        {
            Late++;
            Release(entry.Event.AuditId, identity, key);
            return [entry.Event];
        }
        _waiting[e.AuditId] = entry;
        _queue.Enqueue(entry, key);
        Track(entry);
        if (e.Verb is "create" or "delete" && e.ObjectRef?.Subresource is null && ObjectOf(e) is { } written)
        {
            entry.Object = written;
            if (!_createsAndDeletes.TryGetValue(written, out var list))
                _createsAndDeletes[written] = list = [];
            list.Add(entry);
        }
        return _waiting.Count > capacity ? [Next()] : [];
    }

    /// <summary>Queues the request by the revision it produced, once that is known (a write's response).</summary>
    private void Track(Entry entry)
    {
        if (entry.Revision > 0 || ProducedRevision(entry.Event) is not (> 0 and var revision))
            return;
        entry.Revision = revision;
        _byRevision.Enqueue(entry, (revision, entry.Sequence));
    }

    /// <summary>Every request still waiting, in order.</summary>
    public IEnumerable<AuditEvent> Flush()
    {
        while (_waiting.Count > 0)
            yield return Next();
    }

    private AuditEvent Next()
    {
        while (_queue.Peek().Released)
            _queue.Dequeue();
        _queue.TryPeek(out var first, out var key);
        var entry = EarlierRevision(first!, key.Ticks) ?? EarlierCreate(first!, key.Ticks) ?? _queue.Dequeue();
        entry.Released = true;
        if (entry.Object is { } written && _createsAndDeletes.TryGetValue(written, out var list) && list.Remove(entry) && list.Count == 0)
            _createsAndDeletes.Remove(written);
        _waiting.Remove(entry.Event.AuditId);
        Release(entry.Event.AuditId, entry.Identity, entry == first ? key : (entry.Event.RequestReceived.UtcTicks, entry.Revision, entry.Sequence));
        return entry.Event;
    }

    /// <summary>The waiting write with the lowest revision when it is lower than the first's and its clock close enough.</summary>
    private Entry? EarlierRevision(Entry first, long firstTicks)
    {
        Entry? lowest;
        while (_byRevision.TryPeek(out lowest, out _) && lowest.Released)
            _byRevision.Dequeue();
        if (first.Revision == 0 || lowest is null || lowest == first || lowest.Revision >= first.Revision
            || lowest.Event.RequestReceived.UtcTicks - firstTicks > ClockSkew)
            return null;
        return lowest;
    }

    /// <summary>
    /// The waiting create of the object the first request (an update or patch that found it) wrote, when it succeeded at
    /// most <see cref="ClockSkew"/> later with no delete of the object waiting before it, and no revisions tell the order.
    /// </summary>
    private Entry? EarlierCreate(Entry first, long firstTicks)
    {
        var e = first.Event;
        if (e.Verb is not ("update" or "patch") || e.StatusCode is not (>= 200 and < 300 and not 201) || ObjectOf(e) is not { } written
            || !_createsAndDeletes.TryGetValue(written, out var list))
            return null;
        Entry? create = null;
        foreach (var other in list)
        {
            var ticks = other.Event.RequestReceived.UtcTicks;
            if (other.Released || ticks - firstTicks > ClockSkew)
                continue;
            if (other.Event.Verb == "delete")
                return null;
            if (other.Event.StatusCode == 201 && !other.Event.DryRun && (first.Revision == 0 || other.Revision == 0)
                && (create is null || ticks < create.Event.RequestReceived.UtcTicks))
                create = other;
        }
        return create;
    }

    /// <summary>The object a request names (a create's name from its body), as one key; null when unnamed.</summary>
    private static string? ObjectOf(AuditEvent e)
    {
        if (e.ObjectRef is not { } o)
            return null;
        var name = o.Name ?? BodyName(e.RequestBody) ?? BodyName(e.ResponseBody);
        return name is null ? null : $"{o.Resource}.{o.ApiGroup}/{o.Namespace}/{name}";
    }

    private static string? BodyName(JsonBody? body) =>
        body is { Kind: JsonValueKind.Object } && body.Element.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;

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
    private static long ResourceVersion(AuditEvent e) =>
        ResponseRevision(e) is > 0 and var produced ? produced
        : long.TryParse(e.ObjectRef?.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>
    /// The revision a write produced: its response's <c>resourceVersion</c> (0 when unknown). Only creates, updates, patches
    /// and deletes: a read answers with the revision of what it read, a collection's delete with its list's.
    /// </summary>
    private static long ProducedRevision(AuditEvent e) =>
        e.Verb is "create" or "update" or "patch" or "delete" && e.ResponseBody is not null ? ResponseRevision(e) : 0;

    private static long ResponseRevision(AuditEvent e)
    {
        if (e.ResponseBody is { Kind: JsonValueKind.Object } body && body.Element.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("resourceVersion", out var version)
            && version.ValueKind == JsonValueKind.String
            && long.TryParse(version.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        return 0;
    }

    private sealed class Entry(AuditEvent e, int identity, long sequence)
    {
        public AuditEvent Event { get; set; } = e;

        public int Identity { get; } = identity;

        public long Sequence { get; } = sequence;

        /// <summary>The revision the write produced, once known; 0 otherwise.</summary>
        public long Revision { get; set; }

        /// <summary>The object a create or delete names, while it waits.</summary>
        public string? Object { get; set; }

        /// <summary>Whether it was released (it may still sit in the other queue).</summary>
        public bool Released { get; set; }
    }
}
