using Palisade.Audit.Policy;
using Palisade.Model;

namespace Palisade.Posture.AuditLogging;

/// <summary>An audit policy as a finding's resource: kind <c>Policy</c>, cluster-scoped.</summary>
internal static class AuditPolicyRef
{
    public static ResourceRef Of(AuditPolicy policy) => new("Policy", null, policy.Name) { Location = policy.Location };
}
