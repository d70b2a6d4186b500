using Palisade.Posture.AuditLogging;
using Palisade.Posture.Coverage;
using Palisade.Posture.Rbac;

namespace Palisade.Posture;

/// <summary>Every posture check, in id order.</summary>
public static class CheckCatalog
{
    /// <summary>All checks.</summary>
    public static IReadOnlyList<IPostureCheck> All { get; } = Sorted(
    [
        new NamespaceWithoutPolicy(),
        new NetworkControlWriters(),
        new PodAccessSubresources(),
        new WildcardRules(),
        new EscalationVerbs(),
        new PublicBindings(),
        new ClusterAdminBinding(),
        new AuditPolicyGaps(),
        new AuditPolicyLogsCredentials(),
    ]);

    private static IPostureCheck[] Sorted(IPostureCheck[] checks) =>
        checks.OrderBy(c => c.Info.Id, StringComparer.Ordinal).ToArray();
}
