using System.Text;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>
/// AKS resource logs as a diagnostic setting archives them to a storage account: one record per line,
/// category <c>kube-audit</c>, the audit Event as a JSON string in <c>properties.log</c>. A few records of
/// the kube-apiserver category (plain text logs) sit among them, as they do when both categories are on;
/// they are not audit Events.
/// </summary>
public sealed class AksWrapper : AuditWrapper
{
    private const string ResourceId = "/SUBSCRIPTIONS/6F1C2A3B-4D5E-4F60-8A9B-0C1D2E3F4A5B/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD";

    public override string Id => "aks";
    public override string FileName => "aks-diagnostics.json";

    public override string Write(IReadOnlyList<LoggedEvent> events)
    {
        var text = new StringBuilder();
        var n = 0;
        foreach (var e in events)
        {
            if (n++ % 40 == 7)
            {
                text.Append(Line(Obj(("time", AuditEventJson.Timestamp(e.Time.AddMilliseconds(-2))), ("resourceId", ResourceId), ("category", "kube-apiserver"),
                    ("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read"),
                    ("properties", Obj(("log", "I0603 14:00:01.123456       1 controller.go:615] quota admission added evaluator for: leases.coordination.k8s.io\n"),
                        ("stream", "stderr"), ("pod", "kube-apiserver-6d9f7c8b5-q2wxl")))))).Append('\n');
            }
            text.Append(Line(Obj(("time", AuditEventJson.Timestamp(e.Time)), ("resourceId", ResourceId), ("category", "kube-audit"),
                ("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read"),
                ("properties", Obj(("log", Line(AuditEventJson.Event(e.Request, e.Stage))), ("stream", "stdout"), ("pod", "kube-apiserver-6d9f7c8b5-q2wxl")))))).Append('\n');
        }
        return text.ToString();
    }

    public override int EventCount(IReadOnlyList<LoggedEvent> events) => events.Count;
}
