using Palisade.Findings;
namespace Palisade.Posture.Rbac;

/// <summary>Subjects other than cluster administrators who can change NetworkPolicies, the admin policy tiers or Services.</summary>
public sealed class NetworkControlWriters : IPostureCheck
{
    private static readonly string[] Changes = ["create", "update", "patch", "delete", "deletecollection"];

    private static readonly Permission[] Permissions =
    [
        new("networking.k8s.io", "networkpolicies", false, Changes),
        new("policy.networking.k8s.io", "adminnetworkpolicies", true, Changes),
        new("policy.networking.k8s.io", "baselineadminnetworkpolicies", true, Changes),
        new("policy.networking.k8s.io", "clusternetworkpolicies", true, Changes),
        new("", "services", false, Changes),
    ];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL501", "network-controls-writable", "Non-administrators can change network policies or Services", Severity.High, "rbac",
        "Whoever can create, change or delete NetworkPolicies, admin network policies or Services can open any path the network controls close, or expose a workload: the controls are only as strong as the RBAC guarding them.")
    {
        References = [References.NsaRbac, References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context) =>
        BindingAccess.Findings(Info, context.Rbac, Permissions,
            "Let only the platform team (and the pipeline that deploys network policies) change them: bind other subjects to a role without write verbs on networkpolicies, the policy.networking.k8s.io tiers and services (view rather than edit or admin), or limit the rule with resourceNames.");
}
