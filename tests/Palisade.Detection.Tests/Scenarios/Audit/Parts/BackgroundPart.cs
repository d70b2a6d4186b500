using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// What a quiet cluster's audit log is mostly made of, none of which raises an alert: the ReplicaSet
/// controller creating a pod for an existing Deployment (generateName, ownerReferences), the scheduler
/// binding it and the kubelet reporting its status; node, scheduler and controller-manager lease renewals;
/// kubelets creating Events and watching their pods; controllers updating EndpointSlices, listing policies
/// and (as kube-system service accounts or the controller manager) reading secrets; people and Prometheus
/// listing pods; load balancers polling /healthz, /livez, /readyz and /version anonymously.
/// </summary>
public static class BackgroundPart
{
    /// <summary>The first writes (before any scenario part), then reads and churn over the whole window.</summary>
    public static void AddStart(AuditLogBuilder b, ClusterSpec c)
    {
        var frontend = c.Workload("shop", "frontend");
        var hash = frontend.ReplicaSetName![(frontend.Name.Length + 1)..];
        var pod = $"{frontend.ReplicaSetName}-z9x8w";
        var labels = Map(frontend.Labels);
        labels["pod-template-hash"] = hash;
        var created = Pod("shop", pod, labels, node: "worker-2", owners: Owner("ReplicaSet", frontend.ReplicaSetName, "0d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d"),
            image: "registry.example.com/shop/frontend:1.4.2");
        b.Create(b.At(3), ReplicaSetController, created, generateName: true, note: "a replica for an existing Deployment");
        b.Churn(b.At(4), AuditUser.Scheduler, "create", ApiResource.Pods, "shop", pod,
            Obj(("kind", "Binding"), ("apiVersion", "v1"), ("metadata", Obj(("name", pod), ("namespace", "shop"))), ("target", Obj(("kind", "Node"), ("name", "worker-2"), ("apiVersion", "v1")))),
            level: "Request", subresource: "binding");
        b.Churn(b.At(6), AuditUser.Node("worker-2"), "patch", ApiResource.Pods, "shop", pod,
            Obj(("status", Obj(("phase", "Running"), ("podIP", "10.244.2.201"), ("podIPs", Arr(Obj(("ip", "10.244.2.201"))))))), level: "Request", subresource: "status");
    }

    public static void AddChurn(AuditLogBuilder b, ClusterSpec c, double seconds)
    {
        for (var s = 0.0; s < seconds; s += 60)
        {
            foreach (var node in c.Nodes)
                b.Churn(b.At(s + 5), AuditUser.Node(node.Name), "update", ApiResource.Leases, "kube-node-lease", node.Name, null);
            b.Churn(b.At(s + 7), AuditUser.Scheduler, "update", ApiResource.Leases, "kube-system", "kube-scheduler", null);
            b.Churn(b.At(s + 8), AuditUser.ControllerManager, "update", ApiResource.Leases, "kube-system", "kube-controller-manager", null);
            b.NonResource(b.At(s + 10), AuditUser.Anonymous, "/healthz", note: "load balancer health check");
            b.NonResource(b.At(s + 11), AuditUser.Anonymous, s % 120 == 0 ? "/livez" : "/readyz", note: "health check");
            if (s % 180 == 0)
            {
                b.NonResource(b.At(s + 12), AuditUser.Anonymous, "/version", userAgent: "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46", note: "version");
                b.Read(b.At(s + 13), Alice, "list", ApiResource.Pods, "shop", null, note: "kubectl get pods");
                b.Read(b.At(s + 14), Actors.Prometheus, "list", ApiResource.Pods, null, null, userAgent: "prometheus/2.53.0", note: "service discovery");
                b.Read(b.At(s + 15), NamespaceController, "list", ApiResource.NetworkPolicies, "payments", null, note: "controller listing");
                b.Read(b.At(s + 16), GarbageCollector, "list", ApiResource.Secrets, null, null, note: "kube-system service account reads secrets");
                b.Read(b.At(s + 17), AuditUser.ControllerManager, "get", ApiResource.Secrets, "kube-system", "bootstrap-token-abcdef", note: "controller manager reads a secret");
                b.Churn(b.At(s + 18), EndpointSliceController, "update", ApiResource.EndpointSlices, "shop", "frontend-h7k2p", null);
                b.Churn(b.At(s + 19), AuditUser.Node("worker-1"), "create", ApiResource.Events, "shop", null,
                    Obj(("kind", "Event"), ("apiVersion", "v1"), ("metadata", Obj(("generateName", "frontend."), ("namespace", "shop"))), ("reason", "Pulled"), ("type", "Normal")), level: "Request");
                b.Read(b.At(s + 20), AuditUser.Node("worker-3"), "watch", ApiResource.Pods, null, null, query: "fieldSelector=spec.nodeName%3Dworker-3&watch=true", note: "kubelet watch");
                b.Read(b.At(s + 21), Alice, "get", ApiResource.Deployments, "shop", "frontend", note: "kubectl get deployment");
                b.Read(b.At(s + 22), AuditUser.Node("worker-2"), "get", ApiResource.ConfigMaps, "shop", "kube-root-ca.crt", note: "kubelet reads a configmap");
            }
        }
    }
}
