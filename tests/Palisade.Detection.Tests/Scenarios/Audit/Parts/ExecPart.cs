using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// exec: pods/exec, pods/attach and pods/portforward, by kubectl (create) and by WebSocket clients (get),
/// by people and by a service account, each logged at RequestReceived, ResponseStarted (101) and
/// ResponseComplete. Not exec: a forbidden exec, an exec on a missing pod, pods/log, a plain get.
/// </summary>
public static class ExecPart
{
    public static void Add(AuditLogBuilder b, ClusterSpec c, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 15);
        var frontend = c.Workload("shop", "frontend").Pods[1].Name;
        var toolbox = c.Workload("dev", "toolbox").Pod.Name;
        var worker = c.Workload("batch", "report-worker").Pod.Name;
        var gateway = c.Workload("payments", "payment-gateway").Pod.Name;

        b.Connect(Next(), Mallory, "shop", frontend, "exec", note: "kubectl exec");
        b.Connect(Next(), Alice, "dev", toolbox, "exec", verb: "get", query: "command=sh&command=-c&command=env&container=main&stdout=true&stderr=true", note: "WebSocket exec");
        b.Connect(Next(), Bob, "data", "postgres-0", "attach", note: "kubectl attach");
        b.Connect(Next(), Alice, "data", "postgres-0", "portforward", note: "kubectl port-forward");
        b.Connect(Next(), Mallory, "data", "postgres-1", "portforward", verb: "get", note: "WebSocket port-forward");
        b.Connect(Next(), CiRunner, "batch", worker, "exec", note: "a service account execs");
        b.Connect(Next(), Mallory, "payments", gateway, "exec", code: 403, note: "forbidden");
        b.Connect(Next(), Alice, "dev", "toolbox-gone-x1x1x", "exec", code: 404, note: "no such pod");
        b.Read(Next(), Alice, "get", ApiResource.Pods, "dev", toolbox, subresource: "log", query: "container=main&tailLines=100", note: "logs are not exec");
        b.Read(Next(), Mallory, "get", ApiResource.Pods, "shop", frontend, note: "a plain get");
    }
}
