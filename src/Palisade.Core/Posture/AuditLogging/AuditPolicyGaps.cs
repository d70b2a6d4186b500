using Palisade.Audit.Policy;
using Palisade.Findings;

namespace Palisade.Posture.AuditLogging;

/// <summary>
/// An audit policy that does not record, with the request body, changes to the network controls, exec and
/// port-forward, RBAC changes or Service changes, or, with the bodies the audit replay reads, pod, namespace,
/// workload, Ingress, PeerAuthentication and node writes: one finding per category left out.
/// </summary>
public sealed class AuditPolicyGaps : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL701", "audit-policy-gaps", "Audit policy misses security-relevant changes", Severity.Medium, "audit-logging",
        "Without an audit record at level Request or above, nobody can tell who opened a path through the network policies, exec'd into a pod, granted themselves a role or exposed a Service, nor what exactly they changed; and without pod, namespace, workload, Ingress and PeerAuthentication writes at RequestResponse and node and pod addresses at Request, `palisade audit` and `flows check --audit` have nothing to replay.")
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
            foreach (var category in AuditCategories.MustRecord)
            {
                foreach (var request in category.Requests)
                {
                    var decision = policy.Evaluate(request);
                    if (decision.Records(category.Needs))
                        continue;
                    var what = category.Needs >= AuditLevel.RequestResponse ? "the request and response" : "the request";
                    yield return new Finding(Info, AuditPolicyRef.Of(policy),
                        $"audit policy {policy.Name} does not record {category.Name} ({category.Description}) with {what}: for a {request.Describe()}, {decision.Describe(category.Needs)}",
                        $"Put a rule for {category.Name} at level {category.Needs} or above before the rules that match them at a lower level (the fix is one); `palisade audit-policy` prints a complete recommended policy.")
                    {
                        Field = decision.Rule?.Field,
                        Fix = "# Insert at the start of the policy's rules:\n" + category.RecommendedRule + "\n",
                    };
                    break;
                }
            }
        }
    }
}
