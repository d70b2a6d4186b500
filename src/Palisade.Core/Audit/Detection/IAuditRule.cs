using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detection;

/// <summary>
/// One rule of <c>palisade audit</c>: judges each replayed request (the object before and after it, not only
/// the body sent, so a patch is seen as well as a create) and raises alerts through the context. One
/// instance per check; not thread-safe.
/// </summary>
public interface IAuditRule
{
    /// <summary>What the rule is.</summary>
    DetectionRule Info { get; }

    /// <summary>Judges one request; requests that did not take effect reach rules only with <c>--show-denied</c>.</summary>
    void Observe(ReplayedRequest request, AuditCheckContext context);
}
