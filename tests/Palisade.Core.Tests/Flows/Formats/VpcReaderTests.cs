using System.Net;
using Palisade.Flows;
using Palisade.Input;
using static Palisade.Core.Tests.Flows.Formats.VpcExamples;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>AWS VPC flow logs: the default format, custom formats named by a header, and their special values.</summary>
public sealed class VpcReaderTests
{
    [Fact]
    public void Default_format_fields()
    {
        var flow = FlowInput.One(FlowFormat.Vpc, Accepted);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1418530010), flow.Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1418530070), flow.End);
        Assert.Equal((IPAddress.Parse("172.31.16.139"), 20641), (flow.Source, flow.SourcePort));
        Assert.Equal((IPAddress.Parse("172.31.16.21"), 22), (flow.Destination, flow.DestinationPort));
        Assert.Equal(6, flow.Protocol);
        Assert.Equal((20L, 4249L), (flow.Packets!.Value, flow.Bytes!.Value));
        Assert.Equal(FlowVerdict.Forwarded, flow.Verdict);
        Assert.False(flow.DroppedByPolicy);
        Assert.Equal(FlowFormat.Vpc, flow.Format);
        Assert.Equal(new Palisade.SourceLocation("flows.txt", 1), flow.Location);
        Assert.Null(flow.IsReply);
        Assert.Null(flow.SourceInfo);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(58)]
    public void An_icmp_record_has_no_ports_whatever_its_port_fields_say(int protocol)
    {
        // AWS writes 0 there; an export that put the message's type and code there (as NetFlow does) made a ping sweep a
        // one-port horizontal scan, where the same sweep in CSV is none.
        var flow = FlowInput.One(FlowFormat.Vpc, $"2 123456789010 eni-1 10.1.0.7 10.2.0.9 8 2048 {protocol} 1 84 1418530010 1418530070 ACCEPT OK");
        Assert.Equal((null, null), (flow.SourcePort, flow.DestinationPort));
    }

    [Fact]
    public void Reject_is_a_drop_by_policy()
    {
        var flow = FlowInput.One(FlowFormat.Vpc, Rejected);
        Assert.Equal(FlowVerdict.Dropped, flow.Verdict);
        Assert.True(flow.DroppedByPolicy);
    }

    [Fact]
    public void NODATA_and_SKIPDATA_are_counted_as_skipped()
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Vpc, string.Join('\n', Header, NoData, Accepted, SkipData, Rejected), diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal(2, diagnostics.Skipped);
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal([3, 5], records.Select(r => r.Location!.Line));
    }

    [Fact]
    public void Trailing_spaces_CRLF_and_a_header_repeated_mid_file_are_tolerated()
    {
        var diagnostics = new ReadDiagnostics(strict: true);
        var records = FlowInput.Read(FlowFormat.Vpc, $"{Header}\r\n{Accepted}  \r\n{Header}\r\n{Rejected}\t\r\n", diagnostics);
        Assert.Equal([FlowVerdict.Forwarded, FlowVerdict.Dropped], records.Select(r => r.Verdict));
    }

    [Fact]
    public void A_custom_format_is_read_by_its_header_names()
    {
        const string header = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path";
        const string line = "5 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 10.0.1.5 10.0.0.220 - - 10.0.1.5 203.0.113.5 6 2000 10 1418530010 1418530070 ACCEPT 19 OK us-east-1 use1-az1 - - - S3 egress 8";
        var flow = FlowInput.One(FlowFormat.Vpc, header + "\n" + line);
        Assert.Equal(IPAddress.Parse("10.0.1.5"), flow.Source);
        Assert.Equal(IPAddress.Parse("203.0.113.5"), flow.Destination);
        Assert.Equal((2000L, 10L), (flow.Bytes!.Value, flow.Packets!.Value));
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin, flow.Flags);
        Assert.Equal(FlowDirection.Egress, flow.Direction);
        Assert.Null(flow.SourcePort);
        Assert.Null(flow.DestinationPort);
        Assert.Equal(6, flow.Protocol);
    }

    [Theory]
    [InlineData("10.0.0.5 10.1.1.1 - 192.168.0.9", "10.0.0.5", "192.168.0.9")]
    [InlineData("10.0.0.5 10.1.1.1 172.16.0.1 -", "172.16.0.1", "10.1.1.1")]
    [InlineData("10.0.0.5 10.1.1.1 - -", "10.0.0.5", "10.1.1.1")]
    public void The_packet_addresses_are_preferred_when_given(string addresses, string source, string destination)
    {
        var flow = FlowInput.One(FlowFormat.Vpc, "srcaddr dstaddr pkt-srcaddr pkt-dstaddr start\n" + addresses + " 1700000000");
        Assert.Equal((IPAddress.Parse(source), IPAddress.Parse(destination)), (flow.Source, flow.Destination));
    }

    [Fact]
    public void Zero_ports_of_portless_protocols_are_not_given()
    {
        var flow = FlowInput.One(FlowFormat.Vpc, "2 123456789010 eni-1 10.0.0.1 10.0.0.2 0 0 1 1 84 1418530010 1418530070 ACCEPT OK");
        Assert.Equal(1, flow.Protocol);
        Assert.Null(flow.SourcePort);
        Assert.Null(flow.DestinationPort);
    }

    [Theory]
    [InlineData("2", TcpFlags.Syn)]
    [InlineData("18", TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData("1", TcpFlags.Fin)]
    [InlineData("4", TcpFlags.Rst)]
    [InlineData("3", TcpFlags.Syn | TcpFlags.Fin)]
    [InlineData("-", TcpFlags.None)]
    public void Tcp_flags_are_the_OR_of_the_bits(string value, TcpFlags expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Vpc, "start tcp-flags\n1700000000 " + value).Flags);

    [Theory]
    [InlineData("ingress", FlowDirection.Ingress)]
    [InlineData("egress", FlowDirection.Egress)]
    [InlineData("-", FlowDirection.Unknown)]
    public void Flow_direction(string value, FlowDirection expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Vpc, "start flow-direction\n1700000000 " + value).Direction);

    [Fact]
    public void A_header_may_be_the_format_string_itself()
    {
        var flow = FlowInput.One(FlowFormat.Vpc, "${start} ${srcaddr} ${action} ${reject-reason}\n1700000000 10.0.0.1 REJECT BPA");
        Assert.Equal(IPAddress.Parse("10.0.0.1"), flow.Source);
        Assert.Equal("BPA", flow.DropReason);
        Assert.True(flow.DroppedByPolicy);
    }

    [Fact]
    public void Dashes_are_not_given_and_bad_addresses_stay_records()
    {
        var flow = FlowInput.One(FlowFormat.Vpc, "2 123456789010 eni-1 - 10.0.0.999 - - - - - 1418530010 - - OK");
        Assert.Null(flow.Source);
        Assert.Null(flow.Destination);
        Assert.Null(flow.Protocol);
        Assert.Null(flow.End);
        Assert.Null(flow.Bytes);
        Assert.Equal(FlowVerdict.Unknown, flow.Verdict);
    }

    [Theory]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1418530010 1418530070 ACCEPT", "13 fields where the default version 2 format has 14")]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 soon 1418530070 ACCEPT OK", "invalid start 'soon'")]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 - 1418530070 ACCEPT OK", "invalid start '-'")]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 70000 6 1 1 1418530010 1418530070 ACCEPT OK", "invalid port")]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 tcp 1 1 1418530010 1418530070 ACCEPT OK", "invalid protocol 'tcp'")]
    [InlineData("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 many 1 1418530010 1418530070 ACCEPT OK", "invalid packets or bytes")]
    public void Malformed_lines_are_reported_with_their_line(string line, string problem)
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Vpc, string.Join('\n', Accepted, line, Rejected), diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.StartsWith($"flows.txt:2: {problem}", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_without_start_makes_every_line_malformed()
    {
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(FlowInput.Read(FlowFormat.Vpc, "srcaddr dstaddr\n10.0.0.1 10.0.0.2\n", diagnostics));
        Assert.Contains("the format has no start field", diagnostics.Warnings[0], StringComparison.Ordinal);
    }
}
