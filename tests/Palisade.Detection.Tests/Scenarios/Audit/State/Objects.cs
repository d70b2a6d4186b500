using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>Terse builders for the Kubernetes objects the audit scenarios write (NetworkPolicies come from <c>PolicyCatalog</c>).</summary>
public static class Objects
{
    public static JsonObject Meta(string name, string? ns = null, JsonObject? labels = null, JsonObject? annotations = null) =>
        Obj(("name", name), ("namespace", ns), ("labels", labels), ("annotations", annotations));

    public static JsonObject Service(string ns, string name, string type, JsonObject selector, int port, int targetPort, int? nodePort = null, string[]? externalIps = null, string? clusterIp = null)
    {
        var ports = Arr(Obj(("name", "http"), ("protocol", "TCP"), ("port", port), ("targetPort", targetPort), ("nodePort", nodePort)));
        var ips = externalIps is null ? null : Arr(externalIps.Select(ip => (JsonNode?)ip));
        var spec = Obj(("type", type), ("clusterIP", clusterIp), ("selector", selector), ("ports", ports), ("externalIPs", ips));
        return Obj(("apiVersion", "v1"), ("kind", "Service"), ("metadata", Meta(name, ns)), ("spec", spec));
    }

    public static JsonObject IngressRule(string host, string service, int port)
    {
        var backend = Obj(("service", Obj(("name", service), ("port", Obj(("number", port))))));
        var path = Obj(("path", "/"), ("pathType", "Prefix"), ("backend", backend));
        return Obj(("host", host), ("http", Obj(("paths", Arr(path)))));
    }

    public static JsonObject Ingress(string ns, string name, JsonArray rules, JsonArray? tls = null, JsonObject? annotations = null) =>
        Obj(("apiVersion", "networking.k8s.io/v1"), ("kind", "Ingress"), ("metadata", Meta(name, ns, annotations: annotations)),
            ("spec", Obj(("ingressClassName", "nginx"), ("tls", tls), ("rules", rules))));

    public static JsonObject Tls(string secret, params string[] hosts) =>
        Obj(("hosts", Arr(hosts.Select(h => (JsonNode?)h))), ("secretName", secret));

    public static JsonObject RbacRule(string[] groups, string[] resources, params string[] verbs) =>
        Obj(("apiGroups", Arr(groups.Select(g => (JsonNode?)g))), ("resources", Arr(resources.Select(r => (JsonNode?)r))), ("verbs", Arr(verbs.Select(v => (JsonNode?)v))));

    public static JsonObject Role(string? ns, string name, params JsonObject[] rules) =>
        Obj(("apiVersion", "rbac.authorization.k8s.io/v1"), ("kind", ns is null ? "ClusterRole" : "Role"), ("metadata", Meta(name, ns)),
            ("rules", Arr(rules)));

    public static JsonObject Binding(string? ns, string name, string roleKind, string role, string subjectKind, string subject, string? subjectNs = null) =>
        Obj(("apiVersion", "rbac.authorization.k8s.io/v1"), ("kind", ns is null ? "ClusterRoleBinding" : "RoleBinding"), ("metadata", Meta(name, ns)),
            ("roleRef", Obj(("apiGroup", "rbac.authorization.k8s.io"), ("kind", roleKind), ("name", role))),
            ("subjects", Arr(Obj(("kind", subjectKind), ("name", subject), ("namespace", subjectNs),
                ("apiGroup", subjectKind == "ServiceAccount" ? null : "rbac.authorization.k8s.io")))));

    public static JsonObject Secret(string ns, string name, string type = "Opaque") =>
        Obj(("apiVersion", "v1"), ("kind", "Secret"), ("metadata", Meta(name, ns)), ("type", type), ("data", Obj(("token", "c2VjcmV0LXZhbHVl"))));

    public static JsonObject Pod(string ns, string name, JsonObject labels, bool hostNetwork = false, string node = "worker-2", JsonArray? owners = null, string image = "registry.example.com/tools/netshoot:0.13") =>
        Obj(("apiVersion", "v1"), ("kind", "Pod"),
            ("metadata", Obj(("name", name), ("namespace", ns), ("labels", labels), ("ownerReferences", owners))),
            ("spec", Obj(("hostNetwork", hostNetwork ? true : null), ("nodeName", node), ("serviceAccountName", "default"),
                ("containers", Arr(Obj(("name", "main"), ("image", image), ("command", Arr("sleep", "infinity"))))))));

    public static JsonArray Owner(string kind, string name, string uid) =>
        Arr(Obj(("apiVersion", "apps/v1"), ("kind", kind), ("name", name), ("uid", uid), ("controller", true), ("blockOwnerDeletion", true)));

    /// <summary>An AdminNetworkPolicy whose subject is the namespaces with a label, one ingress rule from namespaces with another.</summary>
    public static JsonObject AdminPolicy(string name, int priority, string action, (string Key, string Value) subjectNamespace, (string Key, string Value) fromNamespace)
    {
        var rule = Obj(("name", $"{action.ToLowerInvariant()}-from-{fromNamespace.Value}"), ("action", action), ("from", Arr(Namespaces(fromNamespace))));
        var spec = Obj(("priority", priority), ("subject", Namespaces(subjectNamespace)), ("ingress", Arr(rule)));
        return Obj(("apiVersion", "policy.networking.k8s.io/v1alpha1"), ("kind", "AdminNetworkPolicy"), ("metadata", Meta(name)), ("spec", spec));
    }

    private static JsonObject Namespaces((string Key, string Value) label) => Obj(("namespaces", Obj(("matchLabels", Map(label)))));

    public static JsonObject BaselinePolicy((string Key, string Value) subjectNamespace, (string Key, string Value) fromNamespace)
    {
        var rule = Obj(("name", "deny-from-" + fromNamespace.Value), ("action", "Deny"), ("from", Arr(Namespaces(fromNamespace))));
        var spec = Obj(("subject", Namespaces(subjectNamespace)), ("ingress", Arr(rule)));
        return Obj(("apiVersion", "policy.networking.k8s.io/v1alpha1"), ("kind", "BaselineAdminNetworkPolicy"), ("metadata", Meta("default")), ("spec", spec));
    }
}
