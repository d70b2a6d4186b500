using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A small hand-written cluster for the contract's edge cases: Deployment shop/web (two pods, 10.244.1.5 and .6),
/// bare Pod shop/report on a Fargate node of its own (Node fargate-ip-10-0-5-9, whose address is the pod's, 10.0.5.9),
/// Deployment shop/db (10.244.1.7 and fd00:10:244::7) behind Service shop/db (10.96.0.50:5432 → pg) whose
/// NetworkPolicy admits web on TCP 5432, Service shop/web (10.96.0.60:80 → http 8080), LoadBalancer Service
/// shop/web-public (443 → http 8080 at 10.96.0.61, externalIP 198.51.100.77, load balancer 34.120.10.5, which
/// LoadBalancer Service shop/db-public shares on 5432 → pg), default/kubernetes
/// (10.96.0.1:443, Endpoints 10.0.0.10:6443), nodes cp-1 (10.0.0.10) and node-1 (10.0.0.11).
/// </summary>
internal static class EdgeCluster
{
    public const string Web = "10.244.1.5";
    public const string Web2 = "10.244.1.6";
    public const string Db = "10.244.1.7";
    public const string DbService = "10.96.0.50";

    /// <summary>
    /// Writes the cluster (without its Node or Endpoints objects when asked, with more documents when given) into the
    /// folder and returns its path.
    /// </summary>
    public static string Write(TempDirectory dir, bool withNodes = true, bool withEndpoints = true, string? more = null)
    {
        var path = dir.File("cluster.yaml");
        var documents = Yaml.Split("---\n").Where(d => (withNodes || !d.Contains("kind: Node\n", StringComparison.Ordinal))
            && (withEndpoints || !d.Contains("kind: Endpoints\n", StringComparison.Ordinal)));
        File.WriteAllText(path, string.Join("---\n", more is null ? documents : documents.Select(d => d.EndsWith('\n') ? d : d + "\n").Append(more)));
        return path;
    }

    private const string Yaml = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: cp-1, labels: {node-role.kubernetes.io/control-plane: ""}}
        spec: {podCIDR: 10.244.0.0/24}
        status: {addresses: [{type: InternalIP, address: 10.0.0.10}]}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-1}
        spec: {podCIDR: 10.244.1.0/24}
        status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: x, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-abc12
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
        spec:
          replicas: 2
          selector: {matchLabels: {app: web, pod-template-hash: abc12}}
          template:
            metadata: {labels: {app: web, pod-template-hash: abc12}}
            spec: {containers: [{name: web, image: x, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-abc12-aaaaa
          namespace: shop
          labels: {app: web, pod-template-hash: abc12}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc12, uid: u2, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: web, image: x, ports: [{name: http, containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-abc12-bbbbb
          namespace: shop
          labels: {app: web, pod-template-hash: abc12}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc12, uid: u2, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: web, image: x, ports: [{name: http, containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.244.1.6, podIPs: [{ip: 10.244.1.6}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: fargate-ip-10-0-5-9, labels: {eks.amazonaws.com/compute-type: fargate}}
        status: {addresses: [{type: InternalIP, address: 10.0.5.9}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, creationTimestamp: "2026-01-01T00:00:00Z"}
        spec: {nodeName: fargate-ip-10-0-5-9, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.0.5.9, podIPs: [{ip: 10.0.5.9}], hostIP: 10.0.5.9}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: db, namespace: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: db-def34
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: db, uid: u3, controller: true}]
        spec:
          replicas: 1
          selector: {matchLabels: {app: db, pod-template-hash: def34}}
          template:
            metadata: {labels: {app: db, pod-template-hash: def34}}
            spec: {containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db-def34-ccccc
          namespace: shop
          labels: {app: db, pod-template-hash: def34}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: db-def34, uid: u4, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}, {ip: "fd00:10:244::7"}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: shop}
        spec:
          type: ClusterIP
          clusterIP: 10.96.0.50
          clusterIPs: [10.96.0.50]
          selector: {app: db}
          ports: [{name: pg, port: 5432, targetPort: pg, protocol: TCP}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          type: ClusterIP
          clusterIP: 10.96.0.60
          clusterIPs: [10.96.0.60]
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http, protocol: TCP}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-public, namespace: shop}
        spec:
          type: LoadBalancer
          clusterIP: 10.96.0.61
          clusterIPs: [10.96.0.61]
          externalIPs: [198.51.100.77]
          selector: {app: web}
          ports: [{name: http, port: 443, targetPort: http, nodePort: 30443, protocol: TCP}]
        status: {loadBalancer: {ingress: [{ip: 34.120.10.5}]}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db-public, namespace: shop, annotations: {metallb.universe.tf/allow-shared-ip: shop}}
        spec:
          type: LoadBalancer
          clusterIP: 10.96.0.62
          clusterIPs: [10.96.0.62]
          selector: {app: db}
          ports: [{name: pg, port: 5432, targetPort: pg, nodePort: 30432, protocol: TCP}]
        status: {loadBalancer: {ingress: [{ip: 34.120.10.5}]}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes, namespace: default, labels: {component: apiserver, provider: kubernetes}}
        spec:
          type: ClusterIP
          clusterIP: 10.96.0.1
          clusterIPs: [10.96.0.1]
          ports: [{name: https, port: 443, targetPort: 6443, protocol: TCP}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: kubernetes, namespace: default}
        subsets: [{addresses: [{ip: 10.0.0.10}], ports: [{name: https, port: 6443, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 5432, protocol: TCP}]
        """;
}
