namespace Palisade.Audit.Policy;

/// <summary>
/// The requests an audit policy is judged on: changes to the network controls, exec and port-forward, node and
/// Service proxying, RBAC, Services and their endpoints, which must be logged with their bodies (the request, for proxying);
/// the writes the audit replay reads (with the response) and the node and pod addresses it resolves flows with; and reads and writes of Secrets, ConfigMaps and
/// TokenReviews, whose bodies must not be. Each is tried as an ordinary user and as a service account (and,
/// for the sensitive ones, as a controller and a node too), in an ordinary namespace and cluster-wide.
/// </summary>
public static class AuditCategories
{
    /// <summary>The namespace of the representative requests.</summary>
    public const string Namespace = "app";

    private static readonly (string User, string[] Groups)[] Requesters =
    [
        ("jane", ["system:authenticated"]),
        ($"system:serviceaccount:{Namespace}:deployer", ["system:serviceaccounts", $"system:serviceaccounts:{Namespace}", "system:authenticated"]),
    ];

    private static readonly (string User, string[] Groups)[] SystemRequesters =
    [
        ("system:kube-controller-manager", ["system:authenticated"]),
        ("system:node:node-1", ["system:nodes", "system:authenticated"]),
    ];

    private static readonly (string User, string[] Groups) Node = SystemRequesters[1];

    private static readonly string[] Changes = ["create", "update", "patch", "delete"];

    /// <summary>What must be recorded at level Request or above.</summary>
    public static IReadOnlyList<AuditCategory> MustRecord { get; } =
    [
        new("network policy changes", "changes to NetworkPolicies and to the policy.networking.k8s.io tiers",
            [
                .. Requests(Requesters, Changes, "networking.k8s.io", "networkpolicies", Namespace),
                .. Requests(Requesters, Changes, "policy.networking.k8s.io", "adminnetworkpolicies", null),
                .. Requests(Requesters, Changes, "policy.networking.k8s.io", "baselineadminnetworkpolicies", null),
                .. Requests(Requesters, Changes, "policy.networking.k8s.io", "clusternetworkpolicies", null),
            ],
            """
            - level: RequestResponse
              verbs: ["create", "update", "patch", "delete", "deletecollection"]
              resources:
              - group: "networking.k8s.io"
                resources: ["networkpolicies"]
              - group: "policy.networking.k8s.io"
                resources: ["adminnetworkpolicies", "baselineadminnetworkpolicies", "clusternetworkpolicies"]
            """),
        new("pod exec, attach and port-forward", "commands run in pods and connections tunnelled into them",
            [
                .. Requests(Requesters, ["create", "get"], "", "pods/exec", Namespace),
                .. Requests(Requesters, ["create", "get"], "", "pods/attach", Namespace),
                .. Requests(Requesters, ["create", "get"], "", "pods/portforward", Namespace),
            ],
            """
            - level: Request
              resources:
              - group: ""
                resources: ["pods/exec", "pods/attach", "pods/portforward"]
            """),
        new("node and Service proxy requests", "requests proxied to a kubelet or to any Service port, around the network policies",
            [
                .. Requests(Requesters, ["get", "create"], "", "nodes/proxy", null),
                .. Requests(Requesters, ["get", "create"], "", "services/proxy", Namespace),
            ],
            """
            - level: Request
              resources:
              - group: ""
                resources: ["nodes/proxy", "services/proxy"]
            """),
        new("RBAC changes", "changes to Roles, ClusterRoles and their bindings",
            [
                .. Requests(Requesters, Changes, "rbac.authorization.k8s.io", "roles", Namespace),
                .. Requests(Requesters, Changes, "rbac.authorization.k8s.io", "rolebindings", Namespace),
                .. Requests(Requesters, Changes, "rbac.authorization.k8s.io", "clusterroles", null),
                .. Requests(Requesters, Changes, "rbac.authorization.k8s.io", "clusterrolebindings", null),
            ],
            """
            - level: RequestResponse
              verbs: ["create", "update", "patch", "delete", "deletecollection"]
              resources:
              - group: "rbac.authorization.k8s.io"
                resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]
            """),
        new("Service changes", "changes to Services, which expose workloads",
            Requests(Requesters, Changes, "", "services", Namespace),
            """
            - level: RequestResponse
              verbs: ["create", "update", "patch", "delete", "deletecollection"]
              resources:
              - group: ""
                resources: ["services"]
            """),
        // The endpoint controllers rewrite Endpoints and EndpointSlices on every pod change: routine, and left out.
        new("Endpoints changes", "changes to Endpoints and EndpointSlices, which send a Service's traffic to any address (CVE-2021-25740)",
            [
                .. Requests(Requesters, Changes, "", "endpoints", Namespace),
                .. Requests(Requesters, Changes, "discovery.k8s.io", "endpointslices", Namespace),
            ],
            """
            - level: None
              users: ["system:kube-controller-manager", "system:serviceaccount:kube-system:endpoint-controller", "system:serviceaccount:kube-system:endpointslice-controller", "system:serviceaccount:kube-system:endpointslicemirroring-controller"]
              resources:
              - group: ""
                resources: ["endpoints"]
              - group: "discovery.k8s.io"
                resources: ["endpointslices"]
            - level: RequestResponse
              verbs: ["create", "update", "patch", "delete", "deletecollection"]
              resources:
              - group: ""
                resources: ["endpoints"]
              - group: "discovery.k8s.io"
                resources: ["endpointslices"]
            """),
        // What palisade audit and flows check --audit replay: the resulting objects, so the response too.
        new("the writes palisade audit replays", "changes to pods, namespaces, workloads, Ingresses and Istio PeerAuthentications, whose bodies the audit detectors and flows check --audit read",
            [
                .. Requests(Requesters, Changes, "", "pods", Namespace),
                .. Requests(Requesters, Changes, "", "namespaces", null),
                .. Requests(Requesters, Changes, "", "replicationcontrollers", Namespace),
                .. Requests(Requesters, Changes, "apps", "deployments", Namespace),
                .. Requests(Requesters, Changes, "apps", "daemonsets", Namespace),
                .. Requests(Requesters, Changes, "apps", "statefulsets", Namespace),
                .. Requests(Requesters, Changes, "apps", "replicasets", Namespace),
                .. Requests(Requesters, Changes, "batch", "jobs", Namespace),
                .. Requests(Requesters, Changes, "batch", "cronjobs", Namespace),
                .. Requests(Requesters, Changes, "networking.k8s.io", "ingresses", Namespace),
                .. Requests(Requesters, Changes, "security.istio.io", "peerauthentications", Namespace),
            ],
            """
            - level: RequestResponse
              verbs: ["create", "update", "patch", "delete", "deletecollection"]
              resources:
              - group: ""
                resources: ["pods", "namespaces", "replicationcontrollers"]
              - group: "apps"
                resources: ["deployments", "daemonsets", "statefulsets", "replicasets"]
              - group: "batch"
                resources: ["jobs", "cronjobs"]
              - group: "networking.k8s.io"
                resources: ["ingresses"]
              - group: "security.istio.io"
                resources: ["peerauthentications"]
            """)
        {
            Needs = AuditLevel.RequestResponse,
        },
        new("node and pod addresses", "nodes and their status (a node's addresses) and the kubelets' pod status writes (a pod's IP), which flows check --audit resolves flows with",
            [
                .. Requests([.. Requesters, Node], ["create", "update", "patch"], "", "nodes", null),
                .. Requests([.. Requesters, Node], ["update", "patch"], "", "nodes/status", null),
                .. Requests([Node], ["update", "patch"], "", "pods/status", Namespace),
            ],
            """
            - level: Request
              verbs: ["create", "update", "patch"]
              resources:
              - group: ""
                resources: ["nodes", "nodes/status"]
            - level: Request
              verbs: ["update", "patch"]
              userGroups: ["system:nodes"]
              resources:
              - group: ""
                resources: ["pods/status"]
            """),
    ];

    /// <summary>What must be recorded at Metadata at most, as the bodies hold credentials.</summary>
    public static IReadOnlyList<AuditCategory> MustNotRecordBodies { get; } =
    [
        Sensitive("Secrets", "Secrets", ["get", "list", "watch", "create", "update", "patch", "delete"], "", "secrets", true),
        Sensitive("ConfigMaps", "ConfigMaps, which often hold credentials", ["get", "list", "watch", "create", "update", "patch", "delete"], "", "configmaps", true),
        Sensitive("TokenReviews", "TokenReviews, whose bodies are bearer tokens", ["create"], "authentication.k8s.io", "tokenreviews", false),
    ];

    private static AuditCategory Sensitive(string name, string description, string[] verbs, string group, string resource, bool namespaced) =>
        new(name, description,
            [
                .. Requests([.. Requesters, .. SystemRequesters], verbs, group, resource, namespaced ? Namespace : null),
                .. namespaced ? Requests([.. Requesters, .. SystemRequesters], verbs, group, resource, "kube-system") : [],
            ],
            $"""
            - level: Metadata
              resources:
              - group: "{group}"
                resources: ["{resource}"]
            """);

    private static AuditRequest[] Requests((string User, string[] Groups)[] requesters, string[] verbs, string group, string resource, string? ns) =>
        requesters.SelectMany(r => verbs.Select(v => AuditRequest.ForResource(r.User, r.Groups, v, group, resource, ns))).ToArray();
}
