using System.IO.Compression;
using System.Text;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Model;
using Palisade.Testing;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>
/// Every wrapper audit events arrive in, from fixtures built around real corpus events: log lines,
/// pretty-printed values, EventLists, AKS and EKS exports, gzip and standard input (GKE has its own tests).
/// </summary>
public sealed class WrapperFormatTests
{
    private const string ExecAuditId = "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6";
    private const string NodePortAuditId = "ceba9ec7-50b5-4bde-8b27-5909df9b35c9";
    private const string SecretAuditId = "55a81824-ab56-46c5-8b02-96336f5e78d7";
    private const string BindingAuditId = "e040d0ab-473c-442c-9707-88553173e962";
    private const string ConfigMapDeleteAuditId = "179a9171-e02e-4227-8c41-8b2575f8da7d";

    [Fact]
    public void Event_lines_are_read_one_a_line_skipping_blank_lines()
    {
        var path = Fixture("event-lines.jsonl");
        var events = Read(path);
        Assert.Equal([ExecAuditId, NodePortAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2, 4], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.Event, e.Format));
        Assert.All(events, e => Assert.Equal(path, e.Location!.File));
    }

    [Fact]
    public void A_pretty_printed_event_spans_many_lines_and_is_located_at_its_first()
    {
        var e = Assert.Single(Read(Fixture("event-pretty.json")));
        Assert.Equal(BindingAuditId, e.AuditId);
        Assert.Equal(1, e.Location!.Line);
        Assert.Equal("system:basic-user", e.RequestObject!.Value.GetProperty("roleRef").GetProperty("name").GetString());
        Assert.Equal(DateTimeOffset.Parse("2018-10-26T13:25:18.279128Z"), e.RequestReceived);
    }

    [Fact]
    public void An_event_list_on_one_line_yields_its_items()
    {
        var events = Read(out var diagnostics, out var reader, Fixture("eventlist-line.json"));
        Assert.Equal([ExecAuditId, NodePortAuditId], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(AuditFormat.EventList, e.Format));
        Assert.All(events, e => Assert.Equal(1, e.Location!.Line));
        Assert.Equal(2, reader.EventsRead);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void A_pretty_printed_event_list_yields_its_items_at_their_lines()
    {
        var events = Read(Fixture("eventlist-pretty.json"));
        Assert.Equal([SecretAuditId, BindingAuditId, ConfigMapDeleteAuditId], events.Select(e => e.AuditId));
        Assert.Equal([6, 42, 135], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.EventList, e.Format));
    }

    [Fact]
    public void Aks_records_carry_the_event_in_properties_log_and_other_categories_are_skipped()
    {
        var events = Read(out var diagnostics, out _, Fixture("aks-records.jsonl"));
        Assert.Equal([ExecAuditId, "e040d0ab-473c-442c-9707-88553173e962"], events.Select(e => e.AuditId));
        Assert.Equal([1, 3], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.Aks, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
        var exec = events[0];
        Assert.Equal(("create", "exec", 101, "minikube-user"), (exec.Verb, exec.ObjectRef!.Subresource, exec.StatusCode, exec.User.Username));
    }

    [Fact]
    public void Aks_logs_queried_from_the_azure_diagnostics_table_carry_the_event_in_log_s()
    {
        // Diagnostic settings sending to Log Analytics in Azure diagnostics mode: the AzureDiagnostics table, one row per
        // record, Category and the Event as text in log_s; `az monitor log-analytics query` writes the rows as an array.
        var text = $$"""
            [{"TenantId":"00000000-0000-0000-0000-000000000001","TimeGenerated":"2024-05-02T10:00:00.123Z","Category":"kube-audit","log_s":{{System.Text.Json.JsonSerializer.Serialize(CorpusLine("exec_pod.json"))}},"ResourceProvider":"MICROSOFT.CONTAINERSERVICE","Type":"AzureDiagnostics"},
             {"TenantId":"00000000-0000-0000-0000-000000000001","TimeGenerated":"2024-05-02T10:00:01Z","Category":"kube-apiserver","log_s":"I0502 10:00:01.000000 1 controller.go:615] quota admission added evaluator","Type":"AzureDiagnostics"},
             {"TenantId":"00000000-0000-0000-0000-000000000001","TimeGenerated":"2024-05-02T10:00:02Z","Category":"kube-audit-admin","log_s":{{System.Text.Json.JsonSerializer.Serialize(CorpusLine("create_secret.json"))}},"Type":"AzureDiagnostics"}]
            """;
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(AuditFormat.Aks, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void Aks_logs_queried_from_the_resource_specific_aks_audit_tables_are_read_from_their_columns()
    {
        // Diagnostic settings in resource-specific mode (what Azure recommends): the AKSAudit and AKSAuditAdmin tables, one
        // column per field of the Event; `az monitor log-analytics query` writes the dynamic ones as JSON text, and a body over
        // the size limit as "skipped-too-big-size-object".
        var text = """
            [{"TenantId":"t","TimeGenerated":"2024-05-02T10:00:00.5Z","Level":"RequestResponse","AuditId":"aks-1","Stage":"ResponseComplete","RequestUri":"/api/v1/namespaces/shop/services?fieldManager=kubectl-client-side-apply","Verb":"create","User":"{\"username\":\"aad:alice@example.com\",\"groups\":[\"system:authenticated\"]}","SourceIps":"[\"203.0.113.4\"]","UserAgent":"kubectl/v1.30.0","ObjectRef":"{\"resource\":\"services\",\"namespace\":\"shop\",\"name\":\"web\",\"apiVersion\":\"v1\"}","ResponseStatus":"{\"metadata\":{},\"code\":201}","RequestObject":"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}","ResponseObject":"skipped-too-big-size-object","RequestReceivedTime":"2024-05-02T10:00:00.123456Z","StageReceivedTime":"2024-05-02T10:00:00.2Z","Annotations":"{\"authorization.k8s.io/decision\":\"allow\"}","PodName":"kube-apiserver-7d9","SourceSystem":"Azure","Type":"AKSAuditAdmin","_ResourceId":"/subscriptions/s/resourcegroups/g/providers/microsoft.containerservice/managedclusters/c"},
             {"TimeGenerated":"2024-05-02T10:00:01.5Z","Level":"Metadata","AuditId":"aks-2","Stage":"ResponseComplete","RequestUri":"/api/v1/secrets","Verb":"list","User":{"username":"aad:bob@example.com","groups":["system:authenticated"]},"SourceIps":["203.0.113.5"],"ObjectRef":{"resource":"secrets","apiVersion":"v1"},"ResponseStatus":{"metadata":{},"code":200},"RequestObject":"","ResponseObject":"","RequestReceivedTime":"2024-05-02T10:00:01Z","Annotations":{"authorization.k8s.io/decision":"allow"},"Type":"AKSAudit"}]
            """;
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics);

        Assert.Equal((0L, 0L), (diagnostics.Malformed, diagnostics.Skipped));
        Assert.Equal(["aks-1", "aks-2"], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(AuditFormat.Aks, e.Format));
        var service = events[0];
        Assert.Equal(("create", "aad:alice@example.com", "services", "shop", "web", 201), (service.Verb, service.User.Username, service.ObjectRef!.Resource, service.ObjectRef.Namespace, service.ObjectRef.Name, service.StatusCode));
        Assert.Equal(("2024-05-02T10:00:00.123456Z", "RequestResponse", "ResponseComplete"), (service.RequestReceivedText, service.Level, service.Stage));
        Assert.Equal(["203.0.113.4"], service.SourceIps);
        Assert.Equal("NodePort", service.RequestObject!.Value.GetProperty("spec").GetProperty("type").GetString());
        Assert.Null(service.ResponseBody);
        Assert.Equal("allow", service.Annotations["authorization.k8s.io/decision"]);
        var secrets = events[1];
        Assert.Equal(("list", "aad:bob@example.com", "secrets", (string?)null), (secrets.Verb, secrets.User.Username, secrets.ObjectRef!.Resource, secrets.ObjectRef.Namespace));
        Assert.Null(secrets.RequestBody);
    }

    [Fact]
    public void Aks_records_wrapped_in_a_records_document_are_read_too()
    {
        var events = Read(out var diagnostics, out var reader, Fixture("aks-records-wrapped.json"));
        Assert.Equal([ExecAuditId, NodePortAuditId], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(AuditFormat.Aks, e.Format));
        Assert.Equal("NodePort", events[1].RequestObject!.Value.GetProperty("spec").GetProperty("type").GetString());
        Assert.Equal((0L, 1L, 2L), (diagnostics.Malformed, diagnostics.Skipped, reader.EventsRead));
    }

    [Fact]
    public void Eks_records_carry_the_event_in_message_or_at_message_and_text_logs_are_skipped()
    {
        var events = Read(out var diagnostics, out _, Fixture("eks-messages.jsonl"));
        Assert.Equal([ExecAuditId, NodePortAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 3], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.Eks, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void Eks_records_of_other_control_plane_streams_are_skipped_even_when_JSON()
    {
        var text = $$"""
            {"logStreamName":"kube-controller-manager-0f3c8a1b","timestamp":1,"message":"{\"ts\":1714644000.1,\"msg\":\"Started controller\"}"}
            {"logStreamName":"kube-apiserver-audit-0f3c8a1b","timestamp":2,"message":{{System.Text.Json.JsonSerializer.Serialize(CorpusLine("create_secret.json"))}}}
            """;
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Single(ReadText(text, diagnostics));
        Assert.Equal((SecretAuditId, AuditFormat.Eks), (e.AuditId, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void A_core_event_is_malformed_not_a_cloudwatch_event_whose_message_is_text()
    {
        // Sixteenth audit review: a core Event (`kubectl get events -o json`) has a "message" too, and was skipped on purpose
        // as a CloudWatch Logs event of text, so a file of them read as an empty log. A CloudWatch event has no kind or apiVersion.
        var text = """
            {"logStreamName":"authenticator-0f3c8a1b","timestamp":1,"message":"time=\"2024-05-02T10:00:00Z\" level=info msg=\"access granted\""}
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"shop"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"Scheduled","message":"Successfully assigned shop/web to node-1","type":"Normal"}
            """;
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(ReadText(text, diagnostics));
        Assert.Equal((1L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
        Assert.StartsWith("audit.log:2: not an audit event: apiVersion v1 (a core Event?)", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_logs_filter_log_events_document_yields_its_events()
    {
        var events = Read(out var diagnostics, out var reader, Fixture("eks-filter-log-events.json"));
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([3, 17], events.Select(e => e.Location!.Line));
        Assert.Equal((0L, 1L, 2L), (diagnostics.Malformed, diagnostics.Skipped, reader.EventsRead));
        Assert.Equal("kubectl/v1.17.3 (darwin/amd64) kubernetes/06ad960", events[1].UserAgent);
    }

    [Fact]
    public void A_cloudwatch_logs_subscription_payload_yields_its_log_events()
    {
        // What a subscription filter hands to Firehose or Lambda (and Firehose writes to S3, payload after payload): the
        // events under logEvents; the authenticator's payload holds text. Pinned by the blind audit input review, 2026-12-02.
        var message = System.Text.Json.JsonSerializer.Serialize(CorpusLine("exec_pod.json"));
        var text = $$"""
            {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/eks/demo/cluster","logStream":"kube-apiserver-audit-0f3c8a1b","subscriptionFilters":["audit"],"logEvents":[{"id":"1","timestamp":1540561114867,"message":{{message}}}]}{"messageType":"DATA_MESSAGE","logGroup":"/aws/eks/demo/cluster","logStream":"authenticator-0f3c8a1b","logEvents":[{"id":"2","timestamp":1,"message":"time=\"2024-05-02T10:00:00Z\" level=info msg=\"access granted\""}]}
            """;
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Single(ReadText(text, diagnostics));
        Assert.Equal((ExecAuditId, AuditFormat.Eks), (e.AuditId, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void A_cloudwatch_logs_insights_query_result_as_the_aws_cli_prints_it_yields_its_events()
    {
        // aws logs get-query-results: each result a list of {field, value}; @message holds the event, other streams skipped.
        static string Result(string stream, string message) => $$"""
                    [
                        {
                            "field": "@timestamp",
                            "value": "2024-05-01 03:00:00.123"
                        },
                        {
                            "field": "@logStream",
                            "value": "{{stream}}"
                        },
                        {
                            "field": "@message",
                            "value": {{System.Text.Json.JsonSerializer.Serialize(message)}}
                        },
                        {
                            "field": "@ptr",
                            "value": "CmAKJwojMTIzNDU2Nzg5MDEyOi9hd3MvZWtzL2RlbW8vY2x1c3RlchAH"
                        }
                    ]
            """;
        var text = $$"""
            {
                "results": [
            {{Result("kube-apiserver-audit-0f3c8a1b", CorpusLine("exec_pod.json"))}},
            {{Result("authenticator-0f3c8a1b", "time=\"2024-05-01T03:00:00Z\" level=info msg=\"access granted\"")}},
            {{Result("kube-apiserver-audit-0f3c8a1b", CorpusLine("create_secret.json"))}}
                ],
                "statistics": {
                    "recordsMatched": 3.0,
                    "recordsScanned": 120.0,
                    "bytesScanned": 51200.0
                },
                "status": "Complete"
            }
            """;
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(AuditFormat.Eks, e.Format));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void A_cloudwatch_logs_insights_csv_download_yields_its_events_at_their_lines()
    {
        static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = "@timestamp,@logStream,@message\n"
            + $"2024-05-01 03:00:00.123,kube-apiserver-audit-0f3c8a1b,{Quoted(CorpusLine("exec_pod.json"))}\n"
            + "2024-05-01 03:00:00.500,authenticator-0f3c8a1b,\"time=\"\"2024-05-01T03:00:00Z\"\" level=info msg=\"\"access granted\"\"\"\n"
            + $"2024-05-01 03:00:01.000,kube-apiserver-audit-0f3c8a1b,{Quoted(CorpusLine("create_secret.json"))}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([2, 4], events.Select(e => e.Location!.Line));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void A_cloudwatch_logs_insights_csv_table_may_list_its_columns_in_any_order_quoted_or_not()
    {
        static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = "\"@message\",\"@timestamp\"\r\n" + $"{Quoted(CorpusLine("exec_pod.json"))},\"2024-05-01 03:00:00.123\"\r\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([ExecAuditId], ReadText(text, diagnostics).Select(e => e.AuditId));
        Assert.Equal(0L, diagnostics.Malformed);
    }

    [Fact]
    public void A_cloudwatch_logs_insights_csv_download_without_the_message_column_is_bad_input_that_says_so()
    {
        const string text = "@timestamp,verb,user.username\n2024-05-01 03:00:00.123,get,alice\n2024-05-01 03:00:01.000,list,bob\n";
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Throws<InvalidInputException>(() => new AuditEventReader().Read(["-"], diagnostics, new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList());
        Assert.Contains("-:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("no @message column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cloudwatch_logs_export_to_s3_prefixes_each_event_with_its_time()
    {
        // CloudWatch Logs' export task writes each log event as its timestamp, a space and the message (gzip in S3).
        var text = $"2024-05-01T03:00:00.123Z {CorpusLine("exec_pod.json")}\n2024-05-01T03:00:01.000Z {CorpusLine("create_secret.json")}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "000000");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void The_api_servers_container_log_is_read_through_its_cri_prefix()
    {
        // With --audit-log-path=-, the kubelet's container runtime writes each line as its time, the stream, a tag and the line.
        var text = $"2024-05-01T03:00:00.123456789Z stdout F {CorpusLine("exec_pod.json")}\n"
            + "2024-05-01T03:00:00.200000000Z stderr F I0501 03:00:00.200000       1 controller.go:615] quota admission added evaluator\n"
            + $"2024-05-01T03:00:01.000000000+00:00 stdout F {CorpusLine("create_secret.json")}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "kube-apiserver-0.log");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 3], events.Select(e => e.Location!.Line));
        Assert.Equal(1L, diagnostics.Skipped);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void A_cri_line_the_runtime_split_in_parts_is_joined_and_located_at_its_first_part()
    {
        var line = CorpusLine("exec_pod.json");
        var text = $"2024-05-01T03:00:00.1Z stdout P {line[..100]}\n2024-05-01T03:00:00.1Z stdout P {line[100..250]}\n"
            + $"2024-05-01T03:00:00.1Z stdout F {line[250..]}\n2024-05-01T03:00:01Z stdout F {CorpusLine("create_secret.json")}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "kube-apiserver-0.log");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 4], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Lines_of_the_other_stream_between_the_parts_of_a_cri_line_are_skipped()
    {
        // The runtime copies stdout and stderr side by side: the server's own log lines can fall between an event's parts.
        var line = CorpusLine("exec_pod.json");
        var text = $"2024-05-01T03:00:00.1Z stdout P {line[..100]}\n2024-05-01T03:00:00.1Z stderr F I0501 03:00:00.1 1 trace.go:236] slow\n"
            + $"2024-05-01T03:00:00.1Z stdout F {line[100..]}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([ExecAuditId], ReadText(text, diagnostics, "kube-apiserver-0.log").Select(e => e.AuditId));
        Assert.Equal([1], ReadText(text, new ReadDiagnostics(), "kube-apiserver-0.log").Select(e => e.Location!.Line));
        Assert.Equal(1L, diagnostics.Skipped);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void A_broken_event_in_a_cri_line_is_malformed_at_its_line()
    {
        var text = $"2024-05-01T03:00:00Z stdout F {CorpusLine("exec_pod.json")}\n2024-05-01T03:00:01Z stdout F {{\"kind\":\"Event\",\"auditID\":\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([ExecAuditId], ReadText(text, diagnostics, "kube-apiserver-0.log").Select(e => e.AuditId));
        Assert.Equal(1L, diagnostics.Malformed);
        Assert.StartsWith("kube-apiserver-0.log:2:", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_of_a_cri_line_without_their_last_part_are_malformed_at_the_first_and_the_next_line_is_read()
    {
        var line = CorpusLine("exec_pod.json");
        var text = $"2024-05-01T03:00:00Z stdout P {line[..100]}\n2024-05-01T03:00:00Z stdout P {line[100..]}\nnot a log line\n"
            + $"2024-05-01T03:00:01Z stdout F {CorpusLine("create_secret.json")}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([SecretAuditId], ReadText(text, diagnostics, "kube-apiserver-0.log").Select(e => e.AuditId));
        Assert.Contains(diagnostics.Warnings, w => w.StartsWith("kube-apiserver-0.log:1:", StringComparison.Ordinal) && w.Contains("without its last part (F)", StringComparison.Ordinal));
    }

    [Fact]
    public void Fluentd_out_file_lines_carry_the_record_after_their_time_and_tag()
    {
        // Fluentd's file output writes each record after its time and tag, tab-separated (its default out_file format): the
        // audit log tailed as JSON, or the API server's container log. Blind audit input review, 2026-12-02: it was refused
        // as holding no event.
        var log = System.Text.Json.JsonSerializer.Serialize(CorpusLine("create_secret.json") + "\n");
        var text = $"2024-05-01T03:00:00+00:00\tkube.audit\t{CorpusLine("exec_pod.json")}\n"
            + $"2024-05-01T03:00:01+00:00\tkubernetes.var.log.containers.kube-apiserver-cp-1_kube-system_kube-apiserver-0f3c.log\t{{\"log\":{log},\"stream\":\"stdout\"}}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "audit.20240501.log");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Loki_query_results_as_logcli_writes_them_in_jsonl_carry_the_event_in_line()
    {
        // logcli query --output=jsonl of audit logs shipped to Loki: labels, the line as shipped, its time; a line of the API
        // server's own text is skipped. Blind audit input review, 2026-12-02: it was refused as holding no event.
        static string Quoted(string line) => System.Text.Json.JsonSerializer.Serialize(line);
        var text = $"{{\"labels\":{{\"job\":\"kube-audit\",\"cluster\":\"prod\"}},\"line\":{Quoted(CorpusLine("exec_pod.json"))},\"timestamp\":\"2024-05-01T03:00:00.123456789Z\"}}\n"
            + $"{{\"labels\":{{\"job\":\"kube-apiserver\"}},\"line\":{Quoted("I0501 03:00:00.2 1 controller.go:615] text")},\"timestamp\":\"2024-05-01T03:00:00.2Z\"}}\n"
            + $"{{\"labels\":{{\"job\":\"kube-audit\"}},\"line\":{Quoted(CorpusLine("create_secret.json"))},\"timestamp\":\"2024-05-01T03:00:01Z\"}}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "loki.jsonl");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 3], events.Select(e => e.Location!.Line));
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Theory]
    [InlineData("{{\"log\":{0},\"stream\":\"stdout\",\"time\":\"2024-05-01T03:00:00.123456789Z\"}}")]
    [InlineData("{{\"time\":\"2024-05-01T03:00:00.123456789Z\",\"stream\":\"stdout\",\"logtag\":\"F\",\"log\":{0},\"kubernetes\":{{\"pod_name\":\"kube-apiserver-cp-1\",\"namespace_name\":\"kube-system\",\"container_name\":\"kube-apiserver\"}}}}")]
    public void Fluent_bit_and_docker_json_records_carry_the_event_in_log(string record)
    {
        static string Quoted(string json) => System.Text.Json.JsonSerializer.Serialize(json + "\n");
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, record, Quoted(CorpusLine("exec_pod.json"))) + "\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, record, Quoted("I0501 03:00:00.2 1 controller.go:615] text")) + "\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, record, Quoted(CorpusLine("create_secret.json"))) + "\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "fluent-bit.json");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 3], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    private static string DockerRecord(string log) =>
        $"{{\"log\":{System.Text.Json.JsonSerializer.Serialize(log)},\"stream\":\"stdout\",\"time\":\"2024-05-01T03:00:00.123456789Z\"}}";

    [Fact]
    public void Docker_json_file_records_of_an_event_docker_split_are_joined_and_located_at_the_first()
    {
        // Docker splits a line over 16 KiB into records whose log does not end with a line feed, up to the one that does.
        var line = CorpusLine("exec_pod.json");
        var text = $"{DockerRecord(line[..100])}\n{DockerRecord(line[100..250])}\n{DockerRecord(line[250..] + "\n")}\n"
            + $"{DockerRecord(CorpusLine("create_secret.json") + "\n")}\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics, "kube-apiserver-json.log");
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 4], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Docker_records_of_a_split_event_never_finished_are_malformed_at_the_first()
    {
        var line = CorpusLine("exec_pod.json");
        var text = $"{DockerRecord(CorpusLine("create_secret.json") + "\n")}\n{DockerRecord(line[..100])}\n{DockerRecord(line[100..250])}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([SecretAuditId], ReadText(text, diagnostics, "kube-apiserver-json.log").Select(e => e.AuditId));
        Assert.StartsWith("kube-apiserver-json.log:2:", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
        Assert.Contains("a Docker log line split in records ends without its last record", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-01T03:00:00Z not an event")]
    [InlineData("2024-05-01 ")]
    [InlineData("12345 ")]
    [InlineData("2024-05-01T03:00:00Z")]
    public void A_line_that_only_starts_like_an_export_is_still_malformed(string prefix)
    {
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(ReadText(prefix + CorpusLine("exec_pod.json") + "\n", diagnostics));
        Assert.Equal(1L, diagnostics.Malformed);
    }

    [Fact]
    public void A_json_array_of_eks_records_yields_its_events()
    {
        var events = Read(Fixture("eks-array.json"));
        Assert.Equal([ExecAuditId, BindingAuditId], events.Select(e => e.AuditId));
        Assert.Equal([2, 9], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.Eks, e.Format));
    }

    [Fact]
    public void A_json_array_of_events_yields_them_as_events()
    {
        var text = $"[{CorpusLine("exec_pod.json")},\n {CorpusLine("create_secret.json")}]";
        var events = ReadText(text, new ReadDiagnostics());
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.Event, e.Format));
    }

    [Fact]
    public void A_json_array_of_event_lists_yields_their_items()
    {
        // The webhook's batches gathered into one document (jq -s . of the bodies a receiver kept, one a line).
        var text = $"[{Text(Fixture("eventlist-line.json")).Trim()},\n {Text(Fixture("eventlist-pretty.json")).Trim()}]";
        var events = ReadText(text, new ReadDiagnostics());
        Assert.Equal([ExecAuditId, NodePortAuditId, SecretAuditId, BindingAuditId, ConfigMapDeleteAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 1, 7, 43, 136], events.Select(e => e.Location!.Line));
        Assert.All(events, e => Assert.Equal(AuditFormat.EventList, e.Format));
    }

    [Fact]
    public void A_json_array_of_export_documents_yields_the_events_of_each()
    {
        // Event Hub messages of AKS's diagnostic records, or filter-log-events pages, kept as one array.
        var text = $"[{Text(Fixture("aks-records-wrapped.json")).Trim()}, {Text(Fixture("eks-filter-log-events.json")).Trim()}, {CorpusLine("create_secret.json")}]";
        var diagnostics = new ReadDiagnostics();
        var reader = new AuditEventReader();
        var events = ReadBytes(Encoding.UTF8.GetBytes(text), diagnostics, reader: reader);
        Assert.Equal([AuditFormat.Aks, AuditFormat.Aks, AuditFormat.Eks, AuditFormat.Eks, AuditFormat.Event], events.Select(e => e.Format));
        Assert.Equal(SecretAuditId, events[^1].AuditId);
        Assert.Equal(5, reader.EventsRead);
        Assert.Equal(0L, diagnostics.Malformed);
    }

    [Fact]
    public void Concatenated_values_need_no_line_breaks()
    {
        var text = CorpusLine("exec_pod.json") + CorpusLine("create_secret.json") + " " + File.ReadAllText(Fixture("eventlist-line.json"));
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(text, diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId, ExecAuditId, NodePortAuditId], events.Select(e => e.AuditId));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Gzip_is_undone_whatever_the_file_name()
    {
        var plain = File.ReadAllBytes(Fixture("event-lines.jsonl"));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(plain);
        var events = ReadBytes(compressed.ToArray(), new ReadDiagnostics(), "audit.log");
        Assert.Equal([ExecAuditId, NodePortAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2, 4], events.Select(e => e.Location!.Line));
    }

    [Fact]
    public void A_dash_reads_standard_input()
    {
        var stdin = new MemoryStream(File.ReadAllBytes(Fixture("eventlist-line.json")));
        var events = new AuditEventReader().Read(["-"], new ReadDiagnostics(), stdin).ToList();
        Assert.Equal([ExecAuditId, NodePortAuditId], events.Select(e => e.AuditId));
        Assert.All(events, e => Assert.Equal(new SourceLocation("-", 1), e.Location));
    }

    [Fact]
    public void Standard_input_hands_over_its_first_event_before_more_input_comes()
    {
        // A live stream (kubectl logs -f of the API server's audit log into 'palisade audit - -o jsonl') may give one event
        // and then nothing for minutes: the event must not wait for kilobytes more.
        var handedOver = new ManualResetEventSlim();
        using var stdin = new HeldStream(Encoding.UTF8.GetBytes(AuditLines.Event("create", "pods", "shop", "web", subresource: "exec", id: "live-1") + "\n"), handedOver);
        var ids = new List<string?>();
        foreach (var auditEvent in new AuditEventReader().Read(["-"], new ReadDiagnostics(), stdin))
        {
            ids.Add(auditEvent.AuditId);
            handedOver.Set();
        }
        Assert.Equal(["live-1"], ids);
    }

    [Fact]
    public void The_events_count_is_taken_after_unwrapping_every_wrapper()
    {
        string[] files = ["event-lines.jsonl", "event-pretty.json", "eventlist-line.json", "eventlist-pretty.json", "gke-entries.jsonl", "gke-array.json",
            "aks-records.jsonl", "aks-records-wrapped.json", "eks-messages.jsonl", "eks-filter-log-events.json", "eks-array.json"];
        var events = Read(out var diagnostics, out var reader, [.. files.Select(Fixture)]);
        Assert.Equal(3 + 1 + 2 + 3 + 4 + 2 + 2 + 2 + 2 + 2 + 2, reader.EventsRead);
        Assert.Equal(reader.EventsRead, events.Count);
        Assert.Equal((0L, 5L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void The_reader_counts_across_calls()
    {
        var reader = new AuditEventReader();
        var diagnostics = new ReadDiagnostics();
        _ = reader.Read([Fixture("event-lines.jsonl")], diagnostics).ToList();
        _ = reader.Read([Fixture("eventlist-line.json")], diagnostics).ToList();
        Assert.Equal(5, reader.EventsRead);
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-audit-" + Guid.NewGuid() + ".log");
        var error = Assert.Throws<InvalidInputException>(() => new AuditEventReader().Read([missing], new ReadDiagnostics()).ToList());
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_log_with_its_byte_order_mark_is_read_as_its_text()
    {
        // Windows PowerShell 5's '>' and Out-File write UTF-16 (kubectl logs ... > audit.log). Pinned by the blind audit input
        // review, 2026-12-02.
        var text = CorpusLine("exec_pod.json") + "\r\n" + CorpusLine("create_secret.json") + "\r\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Equal([1, 2], events.Select(e => e.Location!.Line));
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var text = "\uFEFF" + CorpusLine("exec_pod.json") + "\r\n" + CorpusLine("create_secret.json") + "\r\n";
        var diagnostics = new ReadDiagnostics();
        var events = ReadBytes(Encoding.UTF8.GetBytes(text), diagnostics);
        Assert.Equal([ExecAuditId, SecretAuditId], events.Select(e => e.AuditId));
        Assert.Empty(diagnostics.Warnings);
    }
}
