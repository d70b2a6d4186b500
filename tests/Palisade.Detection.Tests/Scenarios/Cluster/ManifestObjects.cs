using System.Globalization;
using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// The cluster as Kubernetes objects, shaped like <c>kubectl get -o yaml</c> output: Namespaces, Nodes,
/// Deployments with their ReplicaSets and Pods (ownerReferences chained), the StatefulSet and its pods,
/// Services, the API server's Endpoints, NetworkPolicies and any extra objects, grouped one file per kind.
/// </summary>
public static class ManifestObjects
{
    /// <summary>File name (under cluster/) to the objects it holds.</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<JsonObject> Objects)> Files(ClusterSpec cluster) =>
    [
        ("namespaces.yaml", [.. cluster.Namespaces.Select(n => Namespace(cluster, n.Name, n.Labels))]),
        ("nodes.yaml", [.. cluster.Nodes.Select(n => Node(cluster, n))]),
        ("workloads.yaml", [.. cluster.Workloads.SelectMany(w => Workload(cluster, w))]),
        ("pods.yaml", [.. cluster.Pods.Select(p => Pod(cluster, p))]),
        ("services.yaml", [.. cluster.Services.Select(s => Service(cluster, s)), KubernetesEndpoints(cluster)]),
        ("networkpolicies.yaml", [.. cluster.Policies.Select(Copy)]),
        ("mesh.yaml", [.. cluster.Extras.Select(Copy)]),
    ];

    private static JsonObject Meta(ClusterSpec cluster, string name, string? ns, JsonObject? labels = null, JsonArray? owners = null, string? uid = null) =>
        Obj(("name", name), ("namespace", ns), ("uid", uid ?? StableUid(ns + "/" + name)),
            ("creationTimestamp", Time(cluster.CreatedAt)), ("labels", labels), ("ownerReferences", owners));

    private static JsonObject Namespace(ClusterSpec cluster, string name, IReadOnlyDictionary<string, string> labels) =>
        Obj(("apiVersion", "v1"), ("kind", "Namespace"), ("metadata", Meta(cluster, name, null, Map(labels))),
            ("spec", Obj(("finalizers", Arr("kubernetes")))), ("status", Obj(("phase", "Active"))));

    private static JsonObject Node(ClusterSpec cluster, ClusterNode node)
    {
        var labels = Map(("kubernetes.io/hostname", node.Name), ("kubernetes.io/os", "linux"), ("kubernetes.io/arch", "amd64"));
        if (node.ControlPlane)
            labels["node-role.kubernetes.io/control-plane"] = "";
        return Obj(("apiVersion", "v1"), ("kind", "Node"), ("metadata", Meta(cluster, node.Name, null, labels)),
            ("spec", Obj(("podCIDR", node.PodCidr), ("podCIDRs", Arr(node.PodCidr)),
                ("taints", node.ControlPlane ? Arr(Obj(("key", "node-role.kubernetes.io/control-plane"), ("effect", "NoSchedule"))) : null))),
            ("status", Obj(("addresses", Arr(Obj(("type", "InternalIP"), ("address", node.Ip)), Obj(("type", "Hostname"), ("address", node.Name)))),
                ("conditions", Arr(Obj(("type", "Ready"), ("status", "True")))))));
    }

    private static IEnumerable<JsonObject> Workload(ClusterSpec cluster, ClusterWorkload w)
    {
        var selector = Obj(("matchLabels", Map(w.Labels)));
        var template = Obj(("metadata", Obj(("labels", Map(w.Labels)))), ("spec", PodSpec(w, null)));
        if (w.Kind == "StatefulSet")
        {
            yield return Obj(("apiVersion", "apps/v1"), ("kind", "StatefulSet"), ("metadata", Meta(cluster, w.Name, w.Namespace, Map(w.Labels))),
                ("spec", Obj(("replicas", w.Replicas), ("serviceName", w.Name), ("selector", selector), ("template", template))),
                ("status", Obj(("replicas", w.Replicas), ("readyReplicas", w.Replicas))));
            yield break;
        }
        yield return Obj(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("metadata", Meta(cluster, w.Name, w.Namespace, Map(w.Labels))),
            ("spec", Obj(("replicas", w.Replicas), ("selector", selector), ("template", template))),
            ("status", Obj(("replicas", w.Replicas), ("readyReplicas", w.Replicas), ("availableReplicas", w.Replicas))));
        var hash = w.ReplicaSetName![(w.Name.Length + 1)..];
        var rsLabels = Map(w.Labels);
        rsLabels["pod-template-hash"] = hash;
        var rsTemplate = Copy(template);
        rsTemplate["metadata"]!["labels"]!["pod-template-hash"] = hash;
        var rsSelector = Copy(selector);
        rsSelector["matchLabels"]!["pod-template-hash"] = hash;
        yield return Obj(("apiVersion", "apps/v1"), ("kind", "ReplicaSet"),
            ("metadata", Meta(cluster, w.ReplicaSetName, w.Namespace, rsLabels, Owner("apps/v1", "Deployment", w.Name, w.Namespace))),
            ("spec", Obj(("replicas", w.Replicas), ("selector", rsSelector), ("template", rsTemplate))),
            ("status", Obj(("replicas", w.Replicas), ("readyReplicas", w.Replicas))));
    }

    private static JsonObject Pod(ClusterSpec cluster, ClusterPod pod)
    {
        var w = pod.Workload;
        var labels = Map(w.Labels);
        JsonArray owners;
        if (w.Kind == "StatefulSet")
        {
            labels["statefulset.kubernetes.io/pod-name"] = pod.Name;
            owners = Owner("apps/v1", "StatefulSet", w.Name, w.Namespace);
        }
        else
        {
            labels["pod-template-hash"] = w.ReplicaSetName![(w.Name.Length + 1)..];
            owners = Owner("apps/v1", "ReplicaSet", w.ReplicaSetName, w.Namespace);
        }
        return Obj(("apiVersion", "v1"), ("kind", "Pod"), ("metadata", Meta(cluster, pod.Name, pod.Namespace, labels, owners, pod.Uid)),
            ("spec", PodSpec(w, pod.Node.Name)),
            ("status", Obj(("phase", "Running"), ("hostIP", pod.Node.Ip), ("podIP", pod.Ip), ("podIPs", Arr(Obj(("ip", pod.Ip)))),
                ("startTime", Time(cluster.CreatedAt.AddSeconds(5))))));
    }

    private static JsonObject PodSpec(ClusterWorkload w, string? nodeName)
    {
        var ports = w.Ports.Count == 0 ? null : Arr(w.Ports.Select(p => (JsonNode?)Obj(("name", p.Name), ("containerPort", p.Port), ("protocol", p.Protocol))));
        var container = Obj(("name", w.Name), ("image", $"registry.example.com/{w.Namespace}/{w.Name}:1.4.2"), ("ports", ports));
        return Obj(("nodeName", nodeName), ("serviceAccountName", w.Name), ("containers", Arr(container)));
    }

    private static JsonObject Service(ClusterSpec cluster, ClusterService s)
    {
        var ports = Arr(s.Ports.Select(p => (JsonNode?)Obj(("name", p.Name), ("protocol", p.Protocol), ("port", p.Port),
            ("targetPort", int.TryParse(p.TargetPort, out var n) ? (JsonNode)n : p.TargetPort))));
        var labels = s.Namespace == "default" ? Map(("component", "apiserver"), ("provider", "kubernetes")) : null;
        return Obj(("apiVersion", "v1"), ("kind", "Service"), ("metadata", Meta(cluster, s.Name, s.Namespace, labels)),
            ("spec", Obj(("type", "ClusterIP"), ("clusterIP", s.ClusterIp), ("clusterIPs", Arr(s.ClusterIp)),
                ("selector", s.Backend is null ? null : Map(s.Backend.Labels)), ("ports", ports))));
    }

    /// <summary>default/kubernetes has no selector; its Endpoints name the API server on the control-plane node.</summary>
    private static JsonObject KubernetesEndpoints(ClusterSpec cluster) =>
        Obj(("apiVersion", "v1"), ("kind", "Endpoints"), ("metadata", Meta(cluster, "kubernetes", "default", Map(("endpointslice.kubernetes.io/skip-mirror", "true")))),
            ("subsets", Arr(Obj(("addresses", Arr(Obj(("ip", cluster.ControlPlane.Ip)))),
                ("ports", Arr(Obj(("name", "https"), ("port", ClusterSpec.ApiServerPort), ("protocol", "TCP"))))))));

    private static JsonArray Owner(string apiVersion, string kind, string name, string ns) =>
        Arr(Obj(("apiVersion", apiVersion), ("kind", kind), ("name", name), ("uid", StableUid(ns + "/" + name)),
            ("controller", true), ("blockOwnerDeletion", true)));

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string StableUid(string key) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))[..16]).ToString();
}
