using System.Globalization;
using System.Text.Json;
using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// Puts audit events in the order the API server handled them and merges the stages of one request: by
/// the time it was received, then by the resourceVersion it produced (etcd's revision), then as read. A
/// request's merged event takes the latest stage that has a status, and the bodies of whichever stages
/// recorded them.
/// </summary>
internal static class RequestOrder
{
    /// <summary>One event per request (auditID), in handling order.</summary>
    public static List<AuditEvent> Merge(IEnumerable<AuditEvent> events)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new List<(AuditEvent Event, int Order)>();
        foreach (var e in events)
        {
            if (byId.TryGetValue(e.AuditId, out var index))
                merged[index] = (Combine(merged[index].Event, e), merged[index].Order);
            else
            {
                byId[e.AuditId] = merged.Count;
                merged.Add((e, merged.Count));
            }
        }
        merged.Sort((a, b) =>
        {
            var order = a.Event.RequestReceived.CompareTo(b.Event.RequestReceived);
            if (order == 0)
                order = ResourceVersion(a.Event).CompareTo(ResourceVersion(b.Event));
            return order != 0 ? order : a.Order.CompareTo(b.Order);
        });
        return merged.ConvertAll(m => m.Event);
    }

    private static AuditEvent Combine(AuditEvent kept, AuditEvent other)
    {
        var later = Rank(other.Stage) >= Rank(kept.Stage) && (other.StatusCode is not null || kept.StatusCode is null) ? other : kept;
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
            StatusMessage = later.StatusMessage,
            RequestObject = later.RequestObject ?? earlier.RequestObject,
            ResponseObject = later.ResponseObject ?? earlier.ResponseObject,
            RequestReceived = kept.RequestReceived < other.RequestReceived ? kept.RequestReceived : other.RequestReceived,
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
        if (e.ResponseObject is { ValueKind: JsonValueKind.Object } response
            && response.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String)
            text = version.GetString();
        text ??= e.ObjectRef?.ResourceVersion;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
