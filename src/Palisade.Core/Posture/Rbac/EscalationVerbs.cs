using Palisade.Findings;
namespace Palisade.Posture.Rbac;

/// <summary>Subjects with the escalate, bind or impersonate verbs, which lift RBAC's own limits.</summary>
public sealed class EscalationVerbs : IPostureCheck
{
    private static readonly string[] RoleVerbs = ["escalate", "bind"];
    private static readonly string[] Escalate = ["escalate"];
    private static readonly string[] Bind = ["bind"];
    private static readonly string[] Impersonate = ["impersonate"];

    private static readonly Permission[] Permissions =
    [
        new("rbac.authorization.k8s.io", "roles", false, RoleVerbs),
        // A RoleBinding's roleRef to a ClusterRole is authorised as bind on it in the binding's namespace,
        // so a namespaced grant of bind on clusterroles counts; escalate edits the cluster-scoped object.
        new("rbac.authorization.k8s.io", "clusterroles", true, Escalate),
        new("rbac.authorization.k8s.io", "clusterroles", false, Bind),
        new("", "users", true, Impersonate),
        new("", "groups", true, Impersonate),
        new("", "serviceaccounts", false, Impersonate),
        new("authentication.k8s.io", "uids", true, Impersonate),
    ];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL504", "rbac-escalation-verbs", "Subjects can escalate, bind or impersonate", Severity.High, "rbac",
        "escalate lets a subject write roles with permissions it does not hold, bind lets it grant roles it does not hold, and impersonate lets it act as another user, group or service account: each is a path to any permission, the network controls included.")
    {
        References = [References.CisEscalation, References.NsaRbac],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context) =>
        BindingAccess.Findings(Info, context.Rbac, Permissions,
            "Remove escalate, bind and impersonate from the role (a wildcard verb includes them); where a controller needs bind, limit it with resourceNames to the roles it hands out.");
}
