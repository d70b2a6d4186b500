using System.Text.Json;
using Palisade.Model;

namespace Palisade.Audit.Events;

/// <summary>
/// One Kubernetes audit event (audit.k8s.io/v1 <c>Event</c>), whichever wrapper it arrived in (log lines, an
/// EventList, GKE, AKS or EKS exports), normalised to the API server's own fields. Immutable.
/// </summary>
public sealed class AuditEvent
{
    private string _auditId = "";

    /// <summary>The request's audit id; every stage of one request shares it.</summary>
    public required string AuditId { get => _auditId; init => _auditId = value; }

    /// <summary>The same event under another audit id.</summary>
    public AuditEvent WithAuditId(string auditId)
    {
        var copy = (AuditEvent)MemberwiseClone();
        copy._auditId = auditId;
        return copy;
    }

    /// <summary>The stage: RequestReceived, ResponseStarted, ResponseComplete or Panic.</summary>
    public string Stage { get; init; } = "";

    /// <summary>The level the event was recorded at: Metadata, Request or RequestResponse.</summary>
    public string Level { get; init; } = "";

    /// <summary>The API verb (get, list, watch, create, update, patch, delete, deletecollection, ...).</summary>
    public required string Verb { get; init; }

    /// <summary>The request URI, query included.</summary>
    public string RequestUri { get; init; } = "";

    /// <summary>Who made the request.</summary>
    public required AuditUser User { get; init; }

    /// <summary>Whom the request impersonated, when it did.</summary>
    public AuditUser? ImpersonatedUser { get; init; }

    /// <summary>The user as alert messages name them: who made the request, and whom it acted as when it impersonated.</summary>
    public string Actor => ImpersonatedUser is { } target ? $"{User.Username} (as {target.Username})" : User.Username;

    /// <summary>
    /// Whether the request was both made by and performed as identities <paramref name="exempt"/> accepts: an exemption
    /// of the control plane must not cover someone impersonating it, nor someone's request a control-plane proxy relays.
    /// </summary>
    public bool MadeAndPerformedBy(Func<string, bool> exempt) =>
        exempt(User.Username) && (ImpersonatedUser is null || exempt(ImpersonatedUser.Username));

    /// <summary>The client addresses, as recorded.</summary>
    public IReadOnlyList<string> SourceIps { get; init; } = [];

    /// <summary>The client's user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The object the request was about; null for non-resource requests (<c>/healthz</c>).</summary>
    public AuditObjectRef? ObjectRef { get; init; }

    /// <summary>The response's HTTP status code; null when the stage has none yet (RequestReceived).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether the response status says <c>Failure</c> (read for a status recorded without its code).</summary>
    public bool StatusFailure { get; init; }

    /// <summary>The response status reason or message, when given.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>The request body (Request and RequestResponse levels): an object, or a patch (JSON Patch array or merge patch).</summary>
    public JsonElement? RequestObject
    {
        get => RequestBody?.Element;
        init => RequestBody = value is { } element ? new JsonBody(element) : null;
    }

    /// <summary>The response body (RequestResponse level): the object as stored after the request.</summary>
    public JsonElement? ResponseObject
    {
        get => ResponseBody?.Element;
        init => ResponseBody = value is { } element ? new JsonBody(element) : null;
    }

    /// <summary>The request body as read, parsed when first looked at (<see cref="RequestObject"/>).</summary>
    public JsonBody? RequestBody { get; init; }

    /// <summary>The response body as read, parsed when first looked at (<see cref="ResponseObject"/>).</summary>
    public JsonBody? ResponseBody { get; init; }

    /// <summary>When the API server received the request (GKE: the entry's <c>timestamp</c>).</summary>
    public required DateTimeOffset RequestReceived { get; init; }

    /// <summary>The received time as the event wrote it, when written in UTC (<c>2024-05-01T03:00:00.120000Z</c>); null otherwise.</summary>
    public string? RequestReceivedText { get; init; }

    /// <summary>When the stage was recorded.</summary>
    public DateTimeOffset? StageTimestamp { get; init; }

    /// <summary>The event's annotations (authorization decision, truncation, pod-security, ...).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the request was a dry run (<c>dryRun=All</c> in the URI, or in a delete's options): it changed nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the audit backend truncated the event, dropping its bodies (<c>audit.k8s.io/truncated</c>).</summary>
    public bool Truncated { get; init; }

    /// <summary>The wrapper the event was read from.</summary>
    public AuditFormat Format { get; init; }

    /// <summary>Where the event was read: file and line.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>
    /// Whether the request failed (status 400 or above, a status saying Failure without its code, or the handler
    /// panicked: the Panic stage's status is 500, and a Panic recorded without one failed all the same); a failed
    /// request changed nothing.
    /// </summary>
    public bool Failed => StatusCode is >= 400 || StatusCode is null && StatusFailure || Stage == "Panic";

    /// <summary>
    /// What every stage of one request shares beside its id, hashed: its verb and URI, and the time it was received as the
    /// API server wrote it (GKE writes each entry's own time and no URI: there, the object named instead). The API server
    /// takes the Audit-ID header a client sends as the auditID, so one id may come on several requests; this tells them apart.
    /// </summary>
    public int RequestIdentity
    {
        get
        {
            var hash = Fnv(Fnv(FnvBasis, Verb), RequestUri);
            if (Format == AuditFormat.Gke)
                return Fnv(Fnv(Fnv(Fnv(hash, ObjectRef?.Resource), ObjectRef?.Subresource), ObjectRef?.Namespace), ObjectRef?.Name);
            return RequestReceivedText is null ? hash : Fnv(hash, RequestReceivedText);
        }
    }

    /// <summary>The audit id with <see cref="RequestIdentity"/>: one request's, whatever id its client chose.</summary>
    public string RequestKey => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{AuditId}~{RequestIdentity:x8}");

    private const int FnvBasis = unchecked((int)2166136261);

    /// <summary>FNV-1a over the text's characters and a separator: the same in every process, unlike string hashes.</summary>
    private static int Fnv(int hash, string? text)
    {
        foreach (var c in text ?? "")
            hash = unchecked((hash ^ c) * 16777619);
        return unchecked((hash ^ 0xFFFF) * 16777619);
    }
}
