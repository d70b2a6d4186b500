using Palisade.Findings;
namespace Palisade.Posture.Rbac;

/// <summary>
/// Subjects other than cluster administrators who can change NetworkPolicies, the admin policy tiers, Services, or
/// the Endpoints and EndpointSlices that route a Service (CVE-2021-25740; Kubernetes 1.22 took their write verbs
/// out of edit and admin for that reason). Deleting endpoints is left out: their controller writes them again.
/// </summary>
public sealed class NetworkControlWriters : IPostureCheck
{
    private static readonly string[] Changes = ["create", "update", "patch", "delete", "deletecollection"];

    private static readonly string[] Redirects = ["create", "update", "patch"];

    private static readonly Permission[] Permissions =
    [
        new("networking.k8s.io", "networkpolicies", false, Changes),
        new("policy.networking.k8s.io", "adminnetworkpolicies", true, Changes),
        new("policy.networking.k8s.io", "baselineadminnetworkpolicies", true, Changes),
        new("policy.networking.k8s.io", "clusternetworkpolicies", true, Changes),
        new("", "services", false, Changes),
        new("", "endpoints", false, Redirects),
        new("discovery.k8s.io", "endpointslices", false, Redirects),
    ];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL501", "network-controls-writable", "Non-administrators can change network policies, Services or their endpoints", Severity.High, "rbac",
        "Whoever can create, change or delete NetworkPolicies, admin network policies or Services can open any path the network controls close, or expose a workload; whoever can write Endpoints or EndpointSlices can send a Service's traffic to any pod or address, in any namespace (CVE-2021-25740). The controls are only as strong as the RBAC guarding them.")
    {
        References = [References.NsaRbac, References.NsaNetworkPolicies, References.Cve2021_25740],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context) =>
        BindingAccess.Findings(Info, context.Rbac, Permissions,
            "Let only the platform team (and the pipeline that deploys network policies) change them: bind other subjects to a role without write verbs on networkpolicies, the policy.networking.k8s.io tiers, services, endpoints and endpointslices (view rather than edit or admin; only a controller that manages a Service without a selector needs endpoints), or limit the rule with resourceNames.");
}
