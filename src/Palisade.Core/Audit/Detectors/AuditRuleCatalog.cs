using Palisade.Audit.Detection;

namespace Palisade.Audit.Detectors;

/// <summary>The rules of <c>palisade audit</c>, in the detection contract's order; a fresh set per check.</summary>
public static class AuditRuleCatalog
{
    /// <summary>A new instance of every rule.</summary>
    public static IReadOnlyList<IAuditRule> Create() =>
    [
        new NetworkPolicyTampering(),
        new LabelChangeOpened(),
        new Exec(),
        new ExposureChange(),
        new RbacEscalation(),
        new AnonymousAccess(),
        new SecretAccess(),
        new HostNetworkPod(),
    ];
}
