using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>anonymous-access</c>: an allowed resource request by <c>system:anonymous</c> or a member of
/// <c>system:unauthenticated</c>. Health and version endpoints are not resource requests and are exempt.
/// </summary>
public sealed class AnonymousAccess : IAuditRule
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL906", "anonymous-access", "Anonymous access to the API", Severity.High, "audit",
            "The API server answered a resource request from someone it did not authenticate: anonymous auth is on and RBAC grants the anonymous user something."),
        ["T1078.001", "T1190"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        var e = request.Event;
        if (e.ObjectRef is null || !AuditReplay.IsAnonymous(e.User))
            return;
        context.Raise(this, request, $"an unauthenticated client ({string.Join(", ", e.SourceIps)}) {Verbs.Past(e.Verb)} {request.ObjectText}");
    }
}
