using Palisade.Findings;
namespace Palisade.Posture.Rbac;

/// <summary>
/// Subjects who can exec into, attach to or port-forward to pods, add an ephemeral container to them, or proxy
/// through nodes and Services.
/// </summary>
public sealed class PodAccessSubresources : IPostureCheck
{
    private static readonly string[] Connect = ["create", "get"];
    private static readonly string[] Proxy = ["get", "create", "update", "patch", "delete"];
    private static readonly string[] AddContainer = ["update", "patch"];

    private static readonly Permission[] Permissions =
    [
        new("", "pods/exec", false, Connect),
        new("", "pods/attach", false, Connect),
        new("", "pods/portforward", false, Connect),
        new("", "pods/ephemeralcontainers", false, AddContainer),
        new("", "nodes/proxy", true, Proxy),
        new("", "services/proxy", false, Proxy),
    ];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL502", "pod-exec-access", "Subjects can exec into pods or proxy to nodes and Services", Severity.High, "rbac",
        "exec, attach and port-forward reach into a pod from the API server, and node and Service proxies reach the kubelet and any Service port: all of them go around NetworkPolicies, which only see pod traffic.")
    {
        References = [References.CisNodeProxy, References.NsaRbac],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context) =>
        BindingAccess.Findings(Info, context.Rbac, Permissions,
            "Grant exec, attach, port-forward and proxy access only for break-glass use, to named people, in the namespaces they run; service accounts and pipelines rarely need it. Remove these subresources from the role, or bind a narrower role.");
}
