using System.Globalization;
using System.Text;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>
/// EKS control-plane audit logs exported from CloudWatch Logs (the log group /aws/eks/CLUSTER/cluster):
/// one CloudWatch event per line, the audit Event as a JSON string in <c>message</c>, millisecond
/// <c>timestamp</c> and <c>ingestionTime</c>, stream kube-apiserver-audit-*.
/// </summary>
public sealed class EksWrapper : AuditWrapper
{
    public override string Id => "eks";
    public override string FileName => "eks-cloudwatch.json";

    public override string Write(IReadOnlyList<LoggedEvent> events)
    {
        var text = new StringBuilder();
        var n = 0;
        foreach (var e in events)
        {
            var ms = e.Time.ToUnixTimeMilliseconds();
            var message = Line(AuditEventJson.Event(e.Request, e.Stage));
            var eventId = "3791238854120000000" + (1000000 + n * 7919).ToString(CultureInfo.InvariantCulture);
            var record = Obj(("logStreamName", "kube-apiserver-audit-2f6c1e0b9a8d4c7e5b3a1f0e9d8c7b6a"), ("timestamp", ms), ("message", message),
                ("ingestionTime", ms + 731 + (n % 97)), ("eventId", eventId));
            text.Append(Line(record)).Append('\n');
            n++;
        }
        return text.ToString();
    }

    public override int EventCount(IReadOnlyList<LoggedEvent> events) => events.Count;
}
