using System.Net;
using Palisade.Flows;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>GCP VPC flow logs as Cloud Logging entries: layouts, fields, GKE details.</summary>
public sealed class GcpReaderTests
{
    private const string Payload = """
        {"bytes_sent":"1840","packets_sent":"12","reporter":"SRC","start_time":"2024-06-01T08:00:00.250Z","end_time":"2024-06-01T08:00:04Z",
         "connection":{"src_ip":"10.8.0.12","dest_ip":"10.8.1.7","src_port":51000,"dest_port":8080,"protocol":6},
         "src_instance":{"vm_name":"gke-prod-pool-1-abcd","zone":"europe-west1-b"},
         "src_gke_details":{"cluster":{"cluster_name":"prod","cluster_location":"europe-west1"},
           "pod":{"pod_name":"frontend-7b8d9c6f4-xk2qm","pod_namespace":"shop","pod_workload":{"workload_name":"frontend","workload_type":"DEPLOYMENT"}},
           "service":[{"service_name":"frontend","service_namespace":"shop"}]},
         "dest_gke_details":{"cluster":{"cluster_name":"prod"},"pod":{"pod_name":"cart-1","pod_namespace":"shop"},
           "service":[{"service_name":"cart","service_namespace":"shop"},{"service_name":"cart-canary","service_namespace":"shop"}]},
         "src_location":{"continent":"Europe"},"rtt_msec":"3"}
        """;

    private static string Entry(string payload = Payload) =>
        $$$"""{"insertId":"abc","jsonPayload":{{{payload.ReplaceLineEndings("")}}},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","resource":{"type":"gce_subnetwork","labels":{"project_id":"p"}},"timestamp":"2024-06-01T08:00:10Z"}""";

    [Fact]
    public void Every_field_of_a_flow_entry()
    {
        var flow = FlowInput.One(FlowFormat.Gcp, Entry());
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 0, 250, TimeSpan.Zero), flow.Time);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 4, TimeSpan.Zero), flow.End);
        Assert.Equal((IPAddress.Parse("10.8.0.12"), 51000), (flow.Source, flow.SourcePort));
        Assert.Equal((IPAddress.Parse("10.8.1.7"), 8080), (flow.Destination, flow.DestinationPort));
        Assert.Equal(6, flow.Protocol);
        Assert.Equal((1840L, 12L), (flow.Bytes!.Value, flow.Packets!.Value));
        Assert.Equal(FlowVerdict.Unknown, flow.Verdict);
        Assert.Equal(FlowDirection.Egress, flow.Direction);
        Assert.Equal("gke-prod-pool-1-abcd", flow.NodeName);
        Assert.Equal(FlowFormat.Gcp, flow.Format);
        var source = flow.SourceInfo!;
        Assert.Equal(("shop", "frontend-7b8d9c6f4-xk2qm", "shop/frontend"), (source.Namespace, source.PodName, source.Service));
        Assert.Equal([new FlowWorkload("frontend", "DEPLOYMENT")], source.Workloads);
        var destination = flow.DestinationInfo!;
        Assert.Equal(("shop", "cart-1", "shop/cart"), (destination.Namespace, destination.PodName, destination.Service));
        Assert.Empty(destination.Workloads);
    }

    [Fact]
    public void Numbers_may_be_plain_and_the_destination_may_report()
    {
        var flow = FlowInput.One(FlowFormat.Gcp, Entry(Payload.Replace("\"1840\"", "1840", StringComparison.Ordinal).Replace("\"SRC\"", "\"DEST\"", StringComparison.Ordinal)));
        Assert.Equal(1840L, flow.Bytes);
        Assert.Equal(FlowDirection.Ingress, flow.Direction);
        Assert.Null(flow.NodeName);
    }

    [Fact]
    public void A_gcloud_JSON_array_of_pretty_printed_entries()
    {
        var pretty = """
            [
              {
                "insertId": "1",
                "jsonPayload": {
                  "connection": { "src_ip": "10.0.0.1", "dest_ip": "10.0.0.2", "protocol": 17, "src_port": 5353, "dest_port": 53 },
                  "start_time": "2024-06-01T08:00:00Z",
                  "note": "braces in strings: }}} {{ \" }"
                },
                "timestamp": "2024-06-01T08:00:01Z"
              },
              {
                "insertId": "2",
                "jsonPayload": {
                  "connection": { "src_ip": "10.0.0.3", "dest_ip": "10.0.0.4", "protocol": 1 },
                  "start_time": "2024-06-01T08:00:02Z"
                }
              }
            ]
            """;
        var records = FlowInput.Read(FlowFormat.Gcp, pretty, new ReadDiagnostics(strict: true));
        Assert.Equal(2, records.Count);
        Assert.Equal([2, 11], records.Select(r => r.Location!.Line));
        Assert.Equal((17, 53), (records[0].Protocol!.Value, records[0].DestinationPort!.Value));
        Assert.Equal(IPAddress.Parse("10.0.0.3"), records[1].Source);
        Assert.Null(records[1].SourcePort);
    }

    [Fact]
    public void Pretty_printed_entries_one_after_another_and_bare_payloads()
    {
        var text = Entry().Replace(",", ",\n ", StringComparison.Ordinal) + "\n" + Payload;
        var records = FlowInput.Read(FlowFormat.Gcp, text, new ReadDiagnostics(strict: true));
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(IPAddress.Parse("10.8.1.7"), r.Destination));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(58)]
    public void An_icmp_record_has_no_ports_whatever_its_port_fields_say(int protocol)
    {
        var flow = FlowInput.One(FlowFormat.Gcp, $$$"""{"jsonPayload":{"connection":{"src_ip":"10.0.0.1","src_port":8,"dest_ip":"10.0.0.2","dest_port":2048,"protocol":{{{protocol}}}}},"timestamp":"2024-06-01T08:00:10Z"}""");
        Assert.Equal((null, null), (flow.SourcePort, flow.DestinationPort));
    }

    [Fact]
    public void The_entry_timestamp_stands_in_for_a_missing_start_time()
    {
        var flow = FlowInput.One(FlowFormat.Gcp, """{"jsonPayload":{"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2","protocol":6}},"timestamp":"2024-06-01T08:00:10Z"}""");
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 10, TimeSpan.Zero), flow.Time);
    }

    [Fact]
    public void A_bad_entry_timestamp_does_not_matter_when_the_payload_has_a_start_time()
    {
        var flow = FlowInput.One(FlowFormat.Gcp, Entry().Replace("\"2024-06-01T08:00:10Z\"", "\"later\"", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 0, 250, TimeSpan.Zero), flow.Time);
    }

    [Theory]
    [InlineData("\"disposition\":\"ALLOWED\"", FlowVerdict.Forwarded, false)]
    [InlineData("\"disposition\":\"DENIED\"", FlowVerdict.Dropped, true)]
    [InlineData("\"disposition\":\"DROPPED\"", FlowVerdict.Dropped, false)]
    [InlineData("\"disposition\":\"DROPPED\",\"drop_reason\":\"FIREWALL_POLICY_DENY\"", FlowVerdict.Dropped, true)]
    public void A_disposition_when_given_is_the_verdict(string fields, FlowVerdict verdict, bool byPolicy)
    {
        var flow = FlowInput.One(FlowFormat.Gcp, $$$"""{"jsonPayload":{{{{fields}}},"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2"},"start_time":"2024-06-01T08:00:00Z"}}""");
        Assert.Equal((verdict, byPolicy), (flow.Verdict, flow.DroppedByPolicy));
    }

    [Fact]
    public void Other_log_entries_are_skipped_and_bad_ones_reported()
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Gcp, string.Join('\n',
            """{"insertId":"a","textPayload":"hello","timestamp":"2024-06-01T08:00:10Z"}""",
            Entry(),
            """{"jsonPayload":{"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}}}""",
            """{"jsonPayload":{"connection":{"src_ip":"10.0.0.1"},"start_time":"June"}}""",
            """{"jsonPayload":{"connection":{"src_ip":"10.0.0.1"},"start_time":"2024-06-01T08:00:00Z""",
            Entry()), diagnostics);
        Assert.Equal([2, 6], records.Select(r => r.Location!.Line));
        Assert.Equal(1, diagnostics.Skipped);
        Assert.Equal(3, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:3: missing start_time", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("flows.txt:4: invalid time 'June'", diagnostics.Warnings[1], StringComparison.Ordinal);
        Assert.StartsWith("flows.txt:5: invalid JSON", diagnostics.Warnings[2], StringComparison.Ordinal);
    }
}
