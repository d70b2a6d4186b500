using Palisade.Audit.Policy;
using Palisade.Findings;

namespace Palisade.Posture.AuditLogging;

/// <summary>An audit policy that logs the bodies of Secrets, ConfigMaps or TokenReviews, copying credentials into the audit log.</summary>
public sealed class AuditPolicyLogsCredentials : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL702", "audit-policy-logs-credentials", "Audit policy logs Secrets, ConfigMaps or TokenReviews", Severity.Low, "audit-logging",
        "At level Request or RequestResponse the audit log holds the bodies of Secrets, ConfigMaps and TokenReviews: the credentials themselves, in a log that is shipped and kept far more widely than the Secrets are.")
    {
        References = [References.CisAuditPolicy, References.NsaAudit],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Cluster.AuditPolicies)
        {
            foreach (var category in AuditCategories.MustNotRecordBodies)
            {
                foreach (var request in category.Requests)
                {
                    var decision = policy.Evaluate(request);
                    if (decision.Level < AuditLevel.Request)
                        continue;
                    yield return new Finding(Info, AuditPolicyRef.Of(policy),
                        $"audit policy {policy.Name} logs the bodies of {category.Description}: for a {request.Describe()}, {decision.Rule!.Field} matches first, at level {decision.Level}",
                        $"Log {category.Name} at level Metadata, in a rule before {decision.Rule.Field} (the fix is one).")
                    {
                        Field = decision.Rule.Field,
                        Fix = "# Insert at the start of the policy's rules:\n" + category.RecommendedRule + "\n",
                    };
                    break;
                }
            }
        }
    }
}
