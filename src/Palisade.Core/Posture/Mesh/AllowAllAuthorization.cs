using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Posture.Mesh;

/// <summary>An ALLOW AuthorizationPolicy with an empty rule: it allows every request to the workloads it covers.</summary>
public sealed class AllowAllAuthorization : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL604", "mesh-authorization-allow-all", "AuthorizationPolicy allows every request", Severity.Medium, "mesh",
        "An ALLOW rule with no from, to or when matches every request from every source, undoing any default-deny and every narrower "
        + "ALLOW policy on the same workloads. In the root namespace without a selector it does so for the whole mesh.")
    {
        References = [References.NsaEncryption, References.IstioSecurityBestPractices, References.IstioAuthorizationPolicy],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var mesh = context.Cluster.Mesh;
        foreach (var policy in mesh.AuthorizationPolicies.Where(p => p.AllowsAll))
        {
            var meshWide = policy.Namespace == mesh.RootNamespace && policy.Selector is null;
            var scope = meshWide ? "every workload in the mesh"
                : policy.Selector is null ? $"every workload in namespace {policy.Namespace}"
                : $"the workloads in {policy.Namespace} labelled {policy.Selector}";
            var rule = policy.EmptyRules[0];
            yield return new Finding(Info, new ResourceRef("AuthorizationPolicy", policy.Namespace, policy.Name) { Location = policy.Location },
                $"rule {rule} is empty (no from, to or when), so the policy allows every request from any source to {scope}",
                "Replace the empty rule with rules naming the allowed sources (principals, namespaces) and operations; to deny by default, keep an ALLOW policy with no rules (spec: {}).")
            {
                Severity = meshWide ? Severity.High : Info.Severity,
                Field = $"spec.rules[{rule}]",
            };
        }
    }
}
