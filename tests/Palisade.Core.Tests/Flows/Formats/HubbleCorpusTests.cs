using System.Net;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Testing;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>The 1,916 real Hubble flows of the shared corpus, every one read, a few checked field by field.</summary>
public sealed class HubbleCorpusTests
{
    [Theory]
    [InlineData("basic-sample-10-flows.json", 10)]
    [InlineData("basic-sample-330-dns-flows.json", 330)]
    [InlineData("basic-sample-348-http-flows.json", 348)]
    [InlineData("basic-sample-400-icmpv4-flows.json", 18)]
    [InlineData("basic-sample-400-l7-redirected-flows.json", 400)]
    [InlineData("basic-sample-400-tcp-flows.json", 400)]
    [InlineData("basic-sample-400-udp-flows.json", 400)]
    [InlineData("basic-sample-5-dns-flows.json", 5)]
    [InlineData("basic-sample-5-http-flows.json", 5)]
    public void Every_flow_of_the_file_is_read(string file, int lines)
    {
        var records = Read(file, out var diagnostics);
        Assert.Equal(lines, records.Count);
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal(0, diagnostics.Skipped);
        Assert.All(records, r => Assert.Equal(FlowFormat.Hubble, r.Format));
        Assert.Equal(Enumerable.Range(1, lines), records.Select(r => r.Location!.Line));
        Assert.All(records, r => Assert.True(r.Source is not null && r.Destination is not null && r.Protocol is not null));
    }

    [Fact]
    public void The_whole_corpus_is_detected_as_Hubble_and_read_as_one_stream()
    {
        var files = Directory.GetFiles(RepoPaths.Corpus("hubble-flows"), "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            using var source = InputSource.Open(file);
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        }
        var diagnostics = new ReadDiagnostics(strict: true);
        Assert.Equal(1916, FlowReaders.Read(files, null, diagnostics).Count());
    }

    [Fact]
    public void A_TCP_reply_marked_only_by_the_deprecated_reply_field()
    {
        var flow = Read("basic-sample-10-flows.json", out _)[0];
        Assert.Equal(DateTimeOffset.Parse("2021-06-16T16:52:13.1368344Z"), flow.Time);
        Assert.Equal(IPAddress.Parse("10.0.2.16"), flow.Source);
        Assert.Equal(IPAddress.Parse("10.0.2.1"), flow.Destination);
        Assert.Equal((15020, 42044, 6), (flow.SourcePort, flow.DestinationPort, flow.Protocol));
        Assert.Equal(TcpFlags.Fin | TcpFlags.Ack, flow.Flags);
        Assert.Equal(FlowVerdict.Forwarded, flow.Verdict);
        Assert.True(flow.IsReply);
        Assert.Equal(FlowDirection.Ingress, flow.Direction);
        Assert.Equal("bookinfo", flow.SourceInfo!.Namespace);
        Assert.Equal("reviews-v1-545db77b95-s6jb8", flow.SourceInfo.PodName);
        Assert.Equal(25339u, flow.SourceInfo.Identity);
        Assert.Contains("k8s:app=reviews", flow.SourceInfo.Labels);
        Assert.Equal(7, flow.SourceInfo.Labels.Count);
        Assert.Equal(["reserved:host"], flow.DestinationInfo!.Labels);
        Assert.Null(flow.DestinationInfo.Namespace);
        Assert.Equal("gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l", flow.NodeName);
    }

    [Fact]
    public void A_flow_without_reply_fields_has_no_reply_knowledge()
    {
        var flow = Read("basic-sample-10-flows.json", out _)[1];
        Assert.Null(flow.IsReply);
        Assert.Equal(IPAddress.Parse("10.0.2.1"), flow.Source);
        Assert.Equal(42044, flow.SourcePort);
    }

    [Fact]
    public void A_DNS_request()
    {
        var flow = Read("basic-sample-5-dns-flows.json", out _)[0];
        Assert.Equal((IPAddress.Parse("10.156.2.2"), 59102), (flow.Source, flow.SourcePort));
        Assert.Equal((IPAddress.Parse("10.156.2.3"), 53), (flow.Destination, flow.DestinationPort));
        Assert.False(flow.IsReply);
        Assert.Equal(FlowDirection.Egress, flow.Direction);
        Assert.Equal(("kube-system", "node-local-dns-88zrp"), (flow.SourceInfo!.Namespace, flow.SourceInfo.PodName));
        Assert.Equal(("kube-system", "kube-dns-b4f5c58c7-vnx5s"), (flow.DestinationInfo!.Namespace, flow.DestinationInfo.PodName));
        Assert.Equal("istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local.", flow.Dns!.Query);
        Assert.Equal(["A"], flow.Dns.QueryTypes);
        Assert.False(flow.Dns.IsResponse);
        Assert.Null(flow.Dns.ResponseCode);
    }

    [Fact]
    public void DNS_responses_NXDOMAIN_and_NOERROR_with_addresses()
    {
        var flows = Read("basic-sample-330-dns-flows.json", out _);
        var nxdomain = flows[1];
        Assert.True(nxdomain.Dns!.IsResponse);
        Assert.Equal(3, nxdomain.Dns.ResponseCode);
        Assert.True(nxdomain.IsReply);
        var answer = flows[5];
        Assert.Equal("istiod-istio-1611.istio-system.svc.cluster.local.", answer.Dns!.Query);
        Assert.Equal(0, answer.Dns.ResponseCode);
        Assert.Equal(["10.160.0.203"], answer.Dns.Ips);
    }

    [Fact]
    public void An_HTTP_request_with_its_headers()
    {
        var flow = Read("basic-sample-5-http-flows.json", out _)[0];
        Assert.Equal((IPAddress.Parse("10.156.2.7"), 48532), (flow.Source, flow.SourcePort));
        Assert.Equal((IPAddress.Parse("10.128.0.4"), 9990), (flow.Destination, flow.DestinationPort));
        Assert.Equal(["reserved:world"], flow.DestinationInfo!.Labels);
        Assert.Equal(2u, flow.DestinationInfo.Identity);
        var http = flow.Http!;
        Assert.Equal(("GET", "http://10.128.0.4:9990/metrics", "HTTP/1.1"), (http.Method, http.Url, http.Protocol));
        Assert.False(http.IsResponse);
        Assert.Null(http.Code);
        Assert.Equal(5, http.Headers.Count);
        Assert.Equal(new KeyValuePair<string, string>("User-Agent", "Prometheus/2.15.1"), http.Headers[2]);
        Assert.Equal("X-Request-Id", http.Headers[4].Key);
    }

    [Fact]
    public void An_HTTP_response_with_its_status_and_a_quoted_64_bit_latency_skipped()
    {
        var flow = Read("basic-sample-348-http-flows.json", out _)[3];
        Assert.True(flow.Http!.IsResponse);
        Assert.Equal(503, flow.Http.Code);
        Assert.Equal("http://10.156.1.2:9253/metrics", flow.Http.Url);
        Assert.Equal(("istio-system", "prometheus-6655946b9f-6xcpf"), (flow.DestinationInfo!.Namespace, flow.DestinationInfo.PodName));
    }

    [Fact]
    public void An_ICMP_echo_request_has_type_and_no_ports()
    {
        var flow = Read("basic-sample-400-icmpv4-flows.json", out _)[0];
        Assert.Equal(1, flow.Protocol);
        Assert.Equal((8, 0), (flow.IcmpType, flow.IcmpCode));
        Assert.Null(flow.SourcePort);
        Assert.Null(flow.DestinationPort);
        Assert.Equal(IPAddress.Parse("10.244.0.160"), flow.Destination);
        Assert.Equal(["reserved:health"], flow.DestinationInfo!.Labels);
    }

    [Fact]
    public void A_redirected_UDP_flow_is_forwarded()
    {
        var flow = Read("basic-sample-400-l7-redirected-flows.json", out _)[2];
        Assert.Equal(FlowVerdict.Forwarded, flow.Verdict);
        Assert.Equal(17, flow.Protocol);
        Assert.Equal((IPAddress.Parse("10.244.0.177"), 50867, IPAddress.Parse("10.244.1.80"), 53), (flow.Source, flow.SourcePort, flow.Destination, flow.DestinationPort));
        Assert.Equal("productpage-v1-6b746f74dc-9rcxx", flow.SourceInfo!.PodName);
        Assert.Equal("coredns-558bd4d5db-9grjv", flow.DestinationInfo!.PodName);
    }

    [Fact]
    public void Repeated_endpoints_share_one_decoded_object()
    {
        var flows = Read("basic-sample-400-tcp-flows.json", out _);
        var distinct = flows.Select(f => f.SourceInfo).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.True(distinct < 50, $"{distinct} distinct source endpoint objects for 400 flows");
    }

    private static List<FlowRecord> Read(string file, out ReadDiagnostics diagnostics)
    {
        diagnostics = new ReadDiagnostics();
        using var source = InputSource.Open(RepoPaths.Corpus("hubble-flows", file));
        return [.. new HubbleReader().Read(source, diagnostics)];
    }
}
