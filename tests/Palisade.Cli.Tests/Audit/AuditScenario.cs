using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Cli.Tests.Audit;

/// <summary>
/// A small cluster and an audit log of what happened to it one night, written to a temporary folder, for the
/// audit, timeline and connectivity --at tests. Expected outputs in the tests are worked out by hand from the
/// manifests below and the contract.
/// </summary>
public sealed class AuditScenario : IDisposable
{
    /// <summary>
    /// shop: the web Deployment and a debug pod (IP 10.1.0.5). data: the db StatefulSet (5432, 9187) and the cache
    /// Deployment (6379), isolated both ways by default-deny; db admits namespaces labelled access=db on 5432,
    /// cache admits pods labelled role=client in any namespace on 6379.
    /// </summary>
    public const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: shop, labels: {app: debug}}
        spec: {containers: [{name: sh, image: busybox}]}
        status: {podIP: 10.1.0.5, podIPs: [{ip: 10.1.0.5}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: data}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}, {containerPort: 9187}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cache, namespace: data}
        spec:
          selector: {matchLabels: {app: cache}}
          template:
            metadata: {labels: {app: cache}}
            spec: {containers: [{name: redis, image: redis, ports: [{containerPort: 6379}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: data}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{namespaceSelector: {matchLabels: {access: db}}}]
            ports: [{port: 5432}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: cache, namespace: data}
        spec:
          podSelector: {matchLabels: {app: cache}}
          ingress:
          - from: [{namespaceSelector: {}, podSelector: {matchLabels: {role: client}}}]
            ports: [{port: 6379}]
        """;

    /// <summary>data/metrics: the cache admits 10.1.0.0/16 on 16379 (which holds the debug pod's address).</summary>
    public const string Metrics = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"metrics","namespace":"data"},
         "spec":{"podSelector":{"matchLabels":{"app":"cache"}},"ingress":[{"from":[{"ipBlock":{"cidr":"10.1.0.0/16"}}],"ports":[{"port":16379}]}]}}
        """;

    /// <summary>
    /// The night: alice labels shop access=db (03:00); mallory adds 9187 to data/db (03:05); bob labels the debug pod
    /// role=client (03:10); mallory creates data/metrics (03:15); alice labels shop team=x, which opens nothing
    /// (03:20); mallory execs into the debug pod (03:25); gitops deletes data/metrics (03:30).
    /// </summary>
    public static readonly string[] Night =
    [
        Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", user: "alice", at: "03:00"),
        Event("patch", "networkpolicies", "data", "db", request: """[{"op":"add","path":"/spec/ingress/0/ports/-","value":{"port":9187}}]""", level: "Request", at: "03:05"),
        Event("patch", "pods", "shop", "debug", request: """{"metadata":{"labels":{"role":"client"}}}""", level: "Request", user: "bob", at: "03:10"),
        Event("create", "networkpolicies", "data", request: Metrics, response: Metrics, at: "03:15"),
        Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"team":"x"}}}""", level: "Request", user: "alice", at: "03:20"),
        Event("create", "pods", "shop", "debug", subresource: "exec", query: "command=sh&container=sh&stdin=true&tty=true", level: "Metadata", code: 101, at: "03:25"),
        Event("delete", "networkpolicies", "data", "metrics", user: "gitops", at: "03:30"),
    ];

    private readonly TempDirectory _dir = new();

    public AuditScenario()
    {
        Directory.CreateDirectory(_dir.File("cluster"));
        File.WriteAllText(ClusterPath, Cluster);
    }

    /// <summary>The folder holding the cluster's manifests.</summary>
    public string ClusterDirectory => _dir.File("cluster");

    private string ClusterPath => _dir.File("cluster", "cluster.yaml");

    /// <summary>Writes a log file of the lines (or text) and returns its path.</summary>
    public string Log(string name, params string[] lines)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, AuditLines.Log(lines));
        return path;
    }

    /// <summary>Writes a file as given.</summary>
    public string Text(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
