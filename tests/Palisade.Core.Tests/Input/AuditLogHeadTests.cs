using System.Text;
using Palisade.Input;

namespace Palisade.Core.Tests.Input;

/// <summary>
/// <see cref="AuditLogHead"/>: an audit log is told from its first bytes in each wrapper the audit reader takes, and
/// neither flows, a baseline, manifests nor an audit policy file (a manifest of the same API group) are taken for one.
/// </summary>
public sealed class AuditLogHeadTests
{
    private const string Event = """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","verb":"get"}""";

    public static TheoryData<string> AuditLogs => new()
    {
        Event + "\n" + Event + "\n",
        "\uFEFF\n  " + Event,
        "[\n  " + Event + "\n]",
        "{\n  \"kind\": \"Event\",\n  \"apiVersion\": \"audit.k8s.io/v1\",\n  \"auditID\": \"a1\"\n}\n",
        """{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[]}""",
        """{"records":[{"category":"kube-audit","properties":{"log":"{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a1\"}"}}]}""",
        """{"events":[{"timestamp":1714532400000,"message":"{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a1\"}"}]}""",
        """{"insertId":"x","protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","serviceName":"k8s.io","methodName":"io.k8s.core.v1.pods.get"}}""",
        "@timestamp,@message\n2024-05-01 03:00:00.000,\"{\"\"kind\"\":\"\"Event\"\",\"\"apiVersion\"\":\"\"audit.k8s.io/v1\"\",\"\"auditID\"\":\"\"a1\"\"}\"\n",
    };

    public static TheoryData<string> Others => new()
    {
        "",
        "   \n",
        """{"flow":{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}}""",
        "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-03-01T10:00:00Z,10.0.0.1,1,10.0.0.2,2,TCP,3,FORWARDED\n",
        "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1709287200 1709287260 ACCEPT OK\n",
        """{"events":[{"timestamp":1709287200000,"message":"2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1709287200 1709287260 ACCEPT OK"}]}""",
        """{"insertId":"1","jsonPayload":{"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2"},"start_time":"2024-03-01T10:00:00Z"}}""",
        """{"kind": "PalisadeFlowBaseline", "version": 1, "edges": []}""",
        "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n",
        """{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Metadata"}]}""",
        """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}]}""",
        "# an audit log: kind Event, apiVersion audit.k8s.io/v1, auditID\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
    };

    [Theory]
    [MemberData(nameof(AuditLogs))]
    public void An_audit_log_in_each_wrapper_matches(string text) => Assert.True(AuditLogHead.Matches(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [MemberData(nameof(Others))]
    public void Flows_baselines_manifests_and_audit_policies_do_not_match(string text) => Assert.False(AuditLogHead.Matches(Encoding.UTF8.GetBytes(text)));
}
