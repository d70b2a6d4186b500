using System.Text;

namespace Palisade.Audit.Policy;

/// <summary>
/// The audit policy <c>palisade audit-policy</c> prints: credentials only at Metadata, the security-relevant
/// changes with their bodies, the writes <c>palisade audit</c> and <c>flows check --audit</c> replay with theirs
/// (pods, namespaces, workloads, Ingresses, nodes, PeerAuthentications, the kubelets' pod and node status),
/// noise (health checks, events, system components' reads) dropped, and everything else at Metadata. Rules are
/// first-match, so their order is the design.
/// </summary>
public static class RecommendedAuditPolicy
{
    /// <summary>The policy as YAML, ready for the API server's <c>--audit-policy-file</c>.</summary>
    public static string Yaml { get; } = Build();

    private static string Build()
    {
        var text = new StringBuilder("""
            # Audit policy recommended by palisade: records who changed the network controls, RBAC and
            # Services and their endpoints (with request and response bodies), who ran exec, attach,
            # port-forward or a node or Service proxy (with the request), the writes palisade audit replays
            # (pods, namespaces, workloads, Ingresses, nodes, PeerAuthentications, with their bodies), keeps
            # credentials out of the log and drops the noise. Rules are first-match.
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata:
              name: palisade-recommended
            # The RequestReceived event duplicates the ResponseComplete one.
            omitStages:
            - RequestReceived
            rules:
            # Credentials: who touched them, never their content.

            """);
        foreach (var category in AuditCategories.MustNotRecordBodies)
            text.Append(category.RecommendedRule).Append('\n');
        text.Append("# Network controls, exec and port-forward, node and Service proxy, RBAC, Services and their endpoints; then what\n"
            + "# palisade audit and flows check --audit replay (pods, namespaces, workloads, Ingresses, Istio's mTLS mode) and the\n"
            + "# addresses flows are resolved with (a node's, and a pod's IP, which its kubelet reports in the pod's status).\n");
        foreach (var category in AuditCategories.MustRecord)
            text.Append(category.RecommendedRule).Append('\n');
        text.Append("""
            # Noise: health checks and discovery, events, and the reads of nodes and control-plane components.
            - level: None
              nonResourceURLs: ["/healthz*", "/livez*", "/readyz*", "/version", "/version/", "/metrics", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"]
            - level: None
              resources:
              - group: ""
                resources: ["events"]
              - group: "events.k8s.io"
                resources: ["events"]
            - level: None
              verbs: ["get", "list", "watch"]
              userGroups: ["system:nodes"]
            - level: None
              verbs: ["get", "list", "watch"]
              users: ["system:kube-controller-manager", "system:kube-scheduler", "system:kube-proxy", "system:apiserver"]
            - level: None
              verbs: ["get", "update"]
              namespaces: ["kube-system"]
              resources:
              - group: "coordination.k8s.io"
                resources: ["leases"]
            # Everything else: who did what, without bodies.
            - level: Metadata

            """);
        return text.ToString();
    }
}
