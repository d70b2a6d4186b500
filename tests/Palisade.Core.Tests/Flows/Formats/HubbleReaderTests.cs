using System.Net;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Hubble field mappings on hand-written flows.</summary>
public sealed class HubbleReaderTests
{
    private const string Bare = """{"time":"2024-03-01T10:00:00.123456789Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"TCP":{"source_port":40000,"destination_port":8080}}}""";

    [Fact]
    public void A_bare_flow_object_is_read_like_an_envelope()
    {
        var bare = FlowInput.One(FlowFormat.Hubble, Bare);
        var wrapped = FlowInput.One(FlowFormat.Hubble, $$"""{"flow":{{Bare}},"node_name":"n1","time":"2024-03-01T10:00:00.123456789Z"}""");
        foreach (var flow in new[] { bare, wrapped })
        {
            Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), flow.Time);
            Assert.Equal((IPAddress.Parse("10.0.0.1"), 40000, IPAddress.Parse("10.0.0.2"), 8080, 6), (flow.Source, flow.SourcePort, flow.Destination, flow.DestinationPort, flow.Protocol));
            Assert.Null(flow.End);
        }
        Assert.Equal("n1", wrapped.NodeName);
    }

    [Fact]
    public void The_envelope_time_and_node_stand_in_for_missing_flow_ones()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """{"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"node_name":"inner"},"node_name":"outer","time":"2024-03-01T10:00:00Z"}""");
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), flow.Time);
        Assert.Equal("inner", flow.NodeName);
    }

    [Fact]
    public void A_bad_envelope_time_does_not_matter_when_the_flow_has_one()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, $$"""{"flow":{{Bare}},"time":"not a time"}""");
        Assert.Equal(2024, flow.Time.Year);
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(FlowInput.Read(FlowFormat.Hubble, """{"flow":{"verdict":"FORWARDED"},"time":"not a time"}""", diagnostics));
        Assert.Contains("invalid time 'not a time'", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FORWARDED", FlowVerdict.Forwarded)]
    [InlineData("REDIRECTED", FlowVerdict.Forwarded)]
    [InlineData("TRACED", FlowVerdict.Forwarded)]
    [InlineData("TRANSLATED", FlowVerdict.Forwarded)]
    [InlineData("DROPPED", FlowVerdict.Dropped)]
    [InlineData("AUDIT", FlowVerdict.Audit)]
    [InlineData("ERROR", FlowVerdict.Error)]
    [InlineData("VERDICT_UNKNOWN", FlowVerdict.Unknown)]
    [InlineData("SOMETHING_NEW", FlowVerdict.Unknown)]
    public void Verdicts(string verdict, FlowVerdict expected)
    {
        var flow = FlowInput.One(FlowFormat.Hubble, Bare.Replace("FORWARDED", verdict, StringComparison.Ordinal));
        Assert.Equal(expected, flow.Verdict);
        Assert.False(flow.DroppedByPolicy);
    }

    [Theory]
    [InlineData("1", FlowVerdict.Forwarded)]
    [InlineData("2", FlowVerdict.Dropped)]
    [InlineData("4", FlowVerdict.Audit)]
    [InlineData("5", FlowVerdict.Forwarded)]
    public void Verdicts_written_as_enum_numbers(string number, FlowVerdict expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Hubble, Bare.Replace("\"FORWARDED\"", number, StringComparison.Ordinal)).Verdict);

    [Theory]
    [InlineData("\"drop_reason_desc\":\"POLICY_DENIED\"", "POLICY_DENIED", true)]
    [InlineData("\"drop_reason_desc\":\"POLICY_DENY\"", "POLICY_DENY", true)]
    [InlineData("\"drop_reason_desc\":\"AUTH_REQUIRED\"", "AUTH_REQUIRED", true)]
    [InlineData("\"drop_reason_desc\":\"CT_MAP_INSERTION_FAILED\"", "CT_MAP_INSERTION_FAILED", false)]
    [InlineData("\"drop_reason\":133", "POLICY_DENIED", true)]
    [InlineData("\"drop_reason\":181", "POLICY_DENY", true)]
    [InlineData("\"drop_reason\":189", "AUTH_REQUIRED", true)]
    [InlineData("\"drop_reason\":\"133\"", "POLICY_DENIED", true)]
    [InlineData("\"drop_reason\":134", "134", false)]
    [InlineData("\"drop_reason_desc\":133", "POLICY_DENIED", true)]
    [InlineData("\"drop_reason\":134,\"drop_reason_desc\":\"POLICY_DENIED\"", "POLICY_DENIED", true)]
    [InlineData("\"drop_reason_desc\":\"POLICY_DENIED\",\"drop_reason\":134", "POLICY_DENIED", true)]
    public void Drops_by_policy_are_told_by_their_reason(string reason, string name, bool byPolicy)
    {
        var flow = FlowInput.One(FlowFormat.Hubble, Bare.Replace("\"FORWARDED\"", "\"DROPPED\"," + reason, StringComparison.Ordinal));
        Assert.Equal(FlowVerdict.Dropped, flow.Verdict);
        Assert.Equal(name, flow.DropReason);
        Assert.Equal(byPolicy, flow.DroppedByPolicy);
    }

    [Fact]
    public void An_audit_verdict_is_a_would_be_drop_not_a_drop()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, Bare.Replace("\"FORWARDED\"", "\"AUDIT\",\"drop_reason_desc\":\"POLICY_DENIED\"", StringComparison.Ordinal));
        Assert.Equal(FlowVerdict.Audit, flow.Verdict);
        Assert.False(flow.DroppedByPolicy);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData(",\"is_reply\":true", true)]
    [InlineData(",\"is_reply\":false", false)]
    [InlineData(",\"reply\":true", true)]
    [InlineData(",\"reply\":true,\"is_reply\":false", false)]
    public void Is_reply_is_unknown_when_absent(string fields, bool? expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Hubble, Bare[..^1] + fields + "}").IsReply);

    [Theory]
    [InlineData("\"INGRESS\"", FlowDirection.Ingress)]
    [InlineData("\"EGRESS\"", FlowDirection.Egress)]
    [InlineData("\"TRAFFIC_DIRECTION_UNKNOWN\"", FlowDirection.Unknown)]
    [InlineData("2", FlowDirection.Egress)]
    public void Traffic_direction(string value, FlowDirection expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Hubble, Bare[..^1] + ",\"traffic_direction\":" + value + "}").Direction);

    [Theory]
    [InlineData("", false)]
    [InlineData(",\"Type\":\"L3_L4\"", false)]
    [InlineData(",\"Type\":\"SOCK\"", true)]
    [InlineData(",\"Type\":3", true)]
    [InlineData(",\"sock_xlate_point\":\"SOCK_XLATE_POINT_POST_DIRECTION_FWD\"", true)]
    [InlineData(",\"sock_xlate_point\":\"SOCK_XLATE_POINT_UNKNOWN\"", false)]
    public void Socket_translation_traces_are_told_apart(string fields, bool expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Hubble, Bare[..^1] + fields + "}").SocketTrace);

    [Fact]
    public void Every_TCP_flag()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, Bare.Replace("\"destination_port\":8080", "\"destination_port\":8080,\"flags\":{\"SYN\":true,\"ACK\":true,\"FIN\":true,\"RST\":true,\"PSH\":true,\"URG\":true,\"ECE\":true,\"CWR\":true,\"NS\":true}", StringComparison.Ordinal));
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Urg | TcpFlags.Ece | TcpFlags.Cwr | TcpFlags.Ns, flow.Flags);
        var some = FlowInput.One(FlowFormat.Hubble, Bare.Replace("\"destination_port\":8080", "\"destination_port\":8080,\"flags\":{\"SYN\":true,\"ACK\":false}", StringComparison.Ordinal));
        Assert.Equal(TcpFlags.Syn, some.Flags);
    }

    [Theory]
    [InlineData("{\"UDP\":{\"source_port\":5353,\"destination_port\":53}}", 17, 5353, 53)]
    [InlineData("{\"SCTP\":{\"source_port\":1,\"destination_port\":2}}", 132, 1, 2)]
    [InlineData("{\"TCP\":{\"source_port\":\"40000\",\"destination_port\":\"443\"}}", 6, 40000, 443)]
    [InlineData("{\"TCP\":{\"destination_port\":443}}", 6, null, 443)]
    [InlineData("{\"TCP\":{\"source_port\":70000,\"destination_port\":-1}}", 6, null, null)]
    [InlineData("{\"IGMP\":{\"type\":34,\"group_address\":\"224.0.0.251\"}}", 2, null, null)]
    [InlineData("{\"VRRP\":{\"type\":1,\"vrid\":5,\"priority\":100}}", 112, null, null)]
    public void Layer_4_protocols_and_ports(string l4, int protocol, int? sourcePort, int? destinationPort)
    {
        var flow = FlowInput.One(FlowFormat.Hubble, $$"""{"time":"2024-03-01T10:00:00Z","l4":{{l4}}}""");
        Assert.Equal((protocol, sourcePort, destinationPort), (flow.Protocol, flow.SourcePort, flow.DestinationPort));
        Assert.Null(flow.IcmpType);
    }

    [Theory]
    [InlineData("{\"ICMPv4\":{\"type\":3,\"code\":13}}", 1, 3, 13)]
    [InlineData("{\"ICMPv4\":{}}", 1, 0, 0)]
    [InlineData("{\"ICMPv6\":{\"type\":128}}", 58, 128, 0)]
    public void ICMP_type_and_code_with_proto3_zero_defaults(string l4, int protocol, int type, int code)
    {
        var flow = FlowInput.One(FlowFormat.Hubble, $$"""{"time":"2024-03-01T10:00:00Z","l4":{{l4}}}""");
        Assert.Equal((protocol, type, code), (flow.Protocol!.Value, flow.IcmpType!.Value, flow.IcmpCode!.Value));
        Assert.Null(flow.SourcePort);
    }

    [Fact]
    public void Endpoints_with_workloads_and_services()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """
            {"time":"2024-03-01T10:00:00Z","IP":{"source":"10.0.0.1","destination":"10.96.0.10"},
             "source":{"ID":12,"identity":"4242","namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-7d9f-abcde","workloads":[{"name":"web","kind":"Deployment"}]},
             "destination":{"identity":77,"namespace":"kube-system","pod_name":"coredns-1"},
             "destination_service":{"name":"kube-dns","namespace":"kube-system"},
             "source_service":{"name":"web"}}
            """.ReplaceLineEndings(""));
        var source = flow.SourceInfo!;
        Assert.Equal(("shop", "web-7d9f-abcde", 4242u), (source.Namespace, source.PodName, source.Identity!.Value));
        Assert.Equal([new FlowWorkload("web", "Deployment")], source.Workloads);
        Assert.Equal("web", source.Service);
        Assert.Equal("kube-system/kube-dns", flow.DestinationInfo!.Service);
        Assert.Equal("coredns-1", flow.DestinationInfo.PodName);
    }

    [Fact]
    public void Protobufs_json_names_in_lower_camel_case_are_read_as_the_field_names_are()
    {
        // protojson and grpcurl write lowerCamelCase by default (a client of Hubble's gRPC API, grpcurl against Relay), and the
        // proto3 JSON mapping has parsers accept both spellings; before, such flows lost their ports, reply marks and drop reasons.
        var flow = FlowInput.One(FlowFormat.Hubble, """
            {"flow":{"time":"2024-03-01T10:00:00Z","verdict":"DROPPED","dropReasonDesc":"POLICY_DENIED","isReply":true,"trafficDirection":"INGRESS",
             "IP":{"source":"10.0.0.1","destination":"10.96.0.10"},"l4":{"UDP":{"sourcePort":40000,"destinationPort":53}},
             "source":{"namespace":"shop","podName":"web-7d9f-abcde"},"destinationService":{"name":"kube-dns","namespace":"kube-system"},
             "sourceService":{"name":"web","namespace":"shop"},"nodeName":"inner"},"nodeName":"outer","time":"2024-03-01T10:00:00Z"}
            """.ReplaceLineEndings(""));
        Assert.Equal((40000, 53, 17), (flow.SourcePort, flow.DestinationPort, flow.Protocol));
        Assert.True(flow.DroppedByPolicy);
        Assert.True(flow.IsReply);
        Assert.Equal(FlowDirection.Ingress, flow.Direction);
        Assert.Equal("web-7d9f-abcde", flow.SourceInfo!.PodName);
        Assert.Equal("shop/web", flow.SourceInfo.Service);
        Assert.Equal("kube-system/kube-dns", flow.DestinationInfo!.Service);
        Assert.Equal("inner", flow.NodeName);
        Assert.True(FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","verdict":"DROPPED","dropReason":133}""").DroppedByPolicy);
        Assert.True(FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","Type":"SOCK","sockXlatePoint":"SOCK_XLATE_POINT_PRE_DIRECTION_FWD"}""").SocketTrace);
        var diagnostics = new ReadDiagnostics();
        Assert.Single(FlowInput.Read(FlowFormat.Hubble, """{"lostEvents":{"numEventsLost":"3"},"time":"2024-03-01T10:00:00Z"}""" + "\n" + Bare, diagnostics));
        Assert.Equal((1, 0), (diagnostics.Skipped, diagnostics.Malformed));
    }

    [Fact]
    public void Flows_after_a_log_time_or_a_container_runtime_prefix_are_read_and_detected()
    {
        // The exporter's output collected from a container's log: kubectl logs --timestamps puts the time before each line,
        // the node's runtime log (/var/log/pods, what log shippers tail) the time, the stream and the tag F of a whole line.
        var text = $"2024-03-01T10:00:00.500000000Z {Bare}\n2024-03-01T10:00:00.600000000Z stdout F {Bare}\n{Bare}\n";
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Hubble, text, diagnostics);
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal([8080, 8080, 8080], records.Select(r => r.DestinationPort));
        // The record's own time is its time, not the log's.
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), records[0].Time);
    }

    [Fact]
    public void A_service_without_an_endpoint_object_still_names_the_destination()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","destination_service":{"name":"api","namespace":"prod"}}""");
        Assert.Equal("prod/api", flow.DestinationInfo!.Service);
        Assert.Null(flow.SourceInfo);
    }

    [Fact]
    public void L7_type_after_the_record_still_marks_a_response()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","l7":{"http":{"code":200,"method":"POST","url":"http://api/login","headers":[{"key":"Authorization","value":"[REDACTED]"}]},"type":"RESPONSE"}}""");
        Assert.True(flow.Http!.IsResponse);
        Assert.Equal(200, flow.Http.Code);
        Assert.Equal([new KeyValuePair<string, string>("Authorization", "[REDACTED]")], flow.Http.Headers);
        var sample = FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","l7":{"type":"SAMPLE","dns":{"query":"example.com.","qtypes":["AAAA","A"]}}}""");
        Assert.False(sample.Dns!.IsResponse);
        Assert.Equal(["AAAA", "A"], sample.Dns.QueryTypes);
    }

    [Fact]
    public void Unknown_fields_are_skipped_whatever_their_nesting()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """
            {"future":{"a":[[{"b":{"c":[1,2,{"d":"}"}]}}]],"e":null},"uuid":"x","time":"2024-03-01T10:00:00Z",
             "IP":{"source":"10.0.0.1","encrypted":true,"nested":{"destination":"6.6.6.6"},"destination":"10.0.0.2"},
             "source":{"labels":["a",{"odd":[1]},"b"],"extra":[{}]},"verdict":"FORWARDED","trace_context":{"parent":{"trace_id":"ab"}},
             "l7":{"kafka":{"topic":"t"},"latency_ns":"18446744073709551615"},"socket_cookie":"18446744073709551615"}
            """.ReplaceLineEndings(""));
        Assert.Equal(IPAddress.Parse("10.0.0.2"), flow.Destination);
        Assert.Equal(["a", "b"], flow.SourceInfo!.Labels);
        Assert.Equal(FlowVerdict.Forwarded, flow.Verdict);
        Assert.Null(flow.Dns);
        Assert.Null(flow.Http);
    }

    [Fact]
    public void IPv6_and_unparsable_addresses()
    {
        var flow = FlowInput.One(FlowFormat.Hubble, """{"time":"2024-03-01T10:00:00Z","IP":{"source":"fd00::1","destination":"10.0.0.256"}}""");
        Assert.Equal(IPAddress.Parse("fd00::1"), flow.Source);
        Assert.Null(flow.Destination);
    }

    [Fact]
    public void Other_Hubble_events_are_skipped_and_non_flows_malformed()
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Hubble, """
            {"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"12"},"node_name":"n","time":"2024-03-01T10:00:00Z"}
            {"node_status":{"state_change":"NODE_CONNECTED"},"time":"2024-03-01T10:00:00Z"}
            {"hello":"world"}
            """ + "\n" + Bare, diagnostics);
        Assert.Single(records);
        Assert.Equal(2, diagnostics.Skipped);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.Contains("flows.txt:3: not a Hubble flow", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"verdict":"FORWARDED"}""", "missing time")]
    [InlineData("""{"time":"yesterday","verdict":"FORWARDED"}""", "invalid time 'yesterday'")]
    [InlineData("""{"time":1700000000,"verdict":"FORWARDED"}""", "invalid time: a number where an RFC 3339 string is expected")]
    [InlineData("""{"time":"2024-03-01T10:00:00","verdict":"FORWARDED"}""", "invalid time")]
    [InlineData("""["not","an","object"]""", "not a JSON object")]
    [InlineData("""{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED"} trailing""", "invalid JSON")]
    [InlineData("{\"time\":\"2024-03-01T10:00:00Z\",\"verdict\":\"FORW\u0001ARDED\"}", "invalid JSON")]
    public void Malformed_flows_are_reported_with_their_line(string line, string problem)
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Hubble, Bare + "\n" + line + "\n" + Bare, diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal([1, 3], records.Select(r => r.Location!.Line));
        Assert.Equal(1, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:2: ", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.Contains(problem, diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_array_and_pretty_printed_flows_are_read_too()
    {
        var array = FlowInput.Read(FlowFormat.Hubble, "[\n  " + Bare + ",\n  " + Bare + "\n]\n");
        Assert.Equal(2, array.Count);
        Assert.Equal([2, 3], array.Select(r => r.Location!.Line));
        var pretty = FlowInput.Read(FlowFormat.Hubble, Bare.Replace(",", ",\n  ", StringComparison.Ordinal) + "\n" + Bare.Replace(",", ",\n  ", StringComparison.Ordinal));
        Assert.Equal(2, pretty.Count);
        Assert.Equal(7, pretty[1].Location!.Line);
    }
}
