using System.Net;
using Palisade.Flows;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Flow CSV: the header, column order, quoting, protocol names and verdict words.</summary>
public sealed class CsvReaderTests
{
    private const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict";

    [Fact]
    public void Every_column()
    {
        var flow = FlowInput.One(FlowFormat.Csv, Header + "\n2024-05-01T12:00:00.5+02:00,10.1.0.7,43210,10.2.0.9,5432,TCP,1500,FORWARDED\n");
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 500, TimeSpan.FromHours(2)), flow.Time);
        Assert.Equal((IPAddress.Parse("10.1.0.7"), 43210), (flow.Source, flow.SourcePort));
        Assert.Equal((IPAddress.Parse("10.2.0.9"), 5432), (flow.Destination, flow.DestinationPort));
        Assert.Equal((6, 1500L), (flow.Protocol!.Value, flow.Bytes!.Value));
        Assert.Equal(FlowVerdict.Forwarded, flow.Verdict);
        Assert.Equal(FlowFormat.Csv, flow.Format);
        Assert.Equal(2, flow.Location!.Line);
    }

    [Theory]
    [InlineData("FORWARDED", FlowVerdict.Forwarded, false)]
    [InlineData("allowed", FlowVerdict.Forwarded, false)]
    [InlineData("Accept", FlowVerdict.Forwarded, false)]
    [InlineData("DROPPED", FlowVerdict.Dropped, true)]
    [InlineData("denied", FlowVerdict.Dropped, true)]
    [InlineData("REJECT", FlowVerdict.Dropped, true)]
    [InlineData("allow", FlowVerdict.Forwarded, false)]
    [InlineData("ACCEPTED", FlowVerdict.Forwarded, false)]
    [InlineData("deny", FlowVerdict.Dropped, true)]
    [InlineData("Drop", FlowVerdict.Dropped, true)]
    [InlineData("Rejected", FlowVerdict.Dropped, true)]
    [InlineData("BLOCKED", FlowVerdict.Dropped, true)]
    [InlineData("block", FlowVerdict.Dropped, true)]
    [InlineData("PERMIT", FlowVerdict.Forwarded, false)]
    [InlineData("permitted", FlowVerdict.Forwarded, false)]
    [InlineData("Forward", FlowVerdict.Forwarded, false)]
    [InlineData("DISCARD", FlowVerdict.Dropped, true)]
    [InlineData("discarded", FlowVerdict.Dropped, true)]
    [InlineData("REDIRECTED", FlowVerdict.Forwarded, false)]
    [InlineData("TRACED", FlowVerdict.Forwarded, false)]
    [InlineData("TRANSLATED", FlowVerdict.Forwarded, false)]
    [InlineData("AUDIT", FlowVerdict.Audit, false)]
    [InlineData("ERROR", FlowVerdict.Error, false)]
    [InlineData("", FlowVerdict.Unknown, false)]
    [InlineData("\"\"", FlowVerdict.Unknown, false)]
    [InlineData("UNKNOWN", FlowVerdict.Unknown, false)]
    [InlineData("VERDICT_UNKNOWN", FlowVerdict.Unknown, false)]
    [InlineData("-", FlowVerdict.Unknown, false)]
    public void Verdict_words(string verdict, FlowVerdict expected, bool byPolicy)
    {
        var flow = FlowInput.One(FlowFormat.Csv, Header + "\n2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,tcp,1," + verdict);
        Assert.Equal((expected, byPolicy), (flow.Verdict, flow.DroppedByPolicy));
    }

    [Theory]
    [InlineData("TCP", 6)]
    [InlineData("udp", 17)]
    [InlineData("Sctp", 132)]
    [InlineData("ICMP", 1)]
    [InlineData("icmpv6", 58)]
    [InlineData("ICMPv4", 1)]
    [InlineData("IPv6-ICMP", 58)]
    [InlineData("icmp6", 58)]
    [InlineData("6", 6)]
    [InlineData("47", 47)]
    [InlineData("GRE", 47)]
    [InlineData("esp", 50)]
    [InlineData("AH", 51)]
    [InlineData("IGMP", 2)]
    [InlineData("IPIP", 4)]
    [InlineData("", null)]
    public void Protocol_names_and_numbers(string protocol, int? expected) =>
        Assert.Equal(expected, FlowInput.One(FlowFormat.Csv, Header + "\n2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2," + protocol + ",1,").Protocol);

    [Theory]
    [InlineData("ICMP")]
    [InlineData("1")]
    [InlineData("58")]
    public void An_icmp_record_has_no_ports_whatever_a_netflow_export_wrote_there(string protocol)
    {
        // nfdump and other NetFlow exporters write an ICMP message's type and code as the destination port (8 × 256 for an
        // echo request): they are not ports, and read as ports a ping sweep was a one-port horizontal scan.
        var flow = FlowInput.One(FlowFormat.Csv, Header + "\n2024-05-01T12:00:00Z,10.1.0.7,0,10.2.0.9,2048," + protocol + ",84,FORWARDED");
        Assert.Equal((null, null), (flow.SourcePort, flow.DestinationPort));
    }

    [Fact]
    public void Columns_in_another_order_extra_columns_and_quoted_fields()
    {
        var flow = FlowInput.One(FlowFormat.Csv, """
            "Verdict",note,DST_IP,dst_port,src_ip,time,protocol
            DENIED,"says ""hi"", twice",10.0.0.2,443,"10.0.0.1","2024-05-01T12:00:00Z",udp
            """);
        Assert.Equal((IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 443), (flow.Source, flow.Destination, flow.DestinationPort));
        Assert.Equal((17, FlowVerdict.Dropped), (flow.Protocol!.Value, flow.Verdict));
        Assert.Null(flow.SourcePort);
        Assert.Null(flow.Bytes);
    }

    [Fact]
    public void Empty_and_zero_ports_are_null_and_a_repeated_header_is_skipped()
    {
        var records = FlowInput.Read(FlowFormat.Csv, $"{Header}\r\n2024-05-01T12:00:00Z,10.1.0.7,,10.2.0.9,0,ICMP,,\r\n{Header}\r\n2024-05-01T12:00:01Z,fe80::1,1,not-an-ip,2,TCP,3,DROPPED\r\n", new ReadDiagnostics(strict: true));
        Assert.Equal(2, records.Count);
        Assert.Null(records[0].SourcePort);
        Assert.Null(records[0].DestinationPort);
        Assert.Equal(IPAddress.Parse("fe80::1"), records[1].Source);
        Assert.Null(records[1].Destination);
        Assert.Equal(4, records[1].Location!.Line);
    }

    [Theory]
    [InlineData("yesterday,10.1.0.7,1,10.2.0.9,2,TCP,1,", "invalid time 'yesterday'")]
    [InlineData(",10.1.0.7,1,10.2.0.9,2,TCP,1,", "missing time")]
    [InlineData("2024-05-01 12:00:00,10.1.0.7,1,10.2.0.9,2,TCP,1,", "invalid time")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,http,10.2.0.9,2,TCP,1,", "invalid port")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,lots,", "invalid bytes 'lots'")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,256,1,", "invalid protocol '256'")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,carrier-pigeon,1,", "invalid protocol 'carrier-pigeon'")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,1,PASS", "invalid verdict 'PASS'")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,1,ok", "invalid verdict 'ok'")]
    [InlineData("2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,1", "7 fields where the header has 8")]
    [InlineData("2024-05-01T12:00:00Z,\"10.1.0.7,1,10.2.0.9,2,TCP,1,", "unterminated or misplaced quote")]
    [InlineData("2024-05-01T12:00:00Z,\"10.1.0.7\"x,1,10.2.0.9,2,TCP,1,", "unterminated or misplaced quote")]
    public void Malformed_lines_are_reported_with_their_line(string line, string problem)
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Csv, string.Join('\n', Header, line, "2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,1,"), diagnostics);
        Assert.Single(records);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.StartsWith($"flows.txt:2: {problem}", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_before_a_header_are_malformed_unless_in_the_contracts_column_order()
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Csv, "10.1.0.7,1,10.2.0.9,2,TCP,1,\n" + Header + "\n2024-05-01T12:00:00Z,10.1.0.7,1,10.2.0.9,2,TCP,1,", diagnostics);
        Assert.Single(records);
        Assert.StartsWith("flows.txt:1: no header line naming time,src_ip", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_header_is_read_in_the_contracts_column_order()
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Csv, "2024-05-01T12:00:00Z,10.1.0.7,41000,10.2.0.9,5432,6,120,DROPPED\n2024-05-01T12:00:01Z,10.1.0.8,41001,10.2.0.9,53,UDP,80,FORWARDED\n", diagnostics);
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal(
            [("10.1.0.7", 41000, "10.2.0.9", 5432, (int?)FlowProtocols.Tcp, FlowVerdict.Dropped), ("10.1.0.8", 41001, "10.2.0.9", 53, FlowProtocols.Udp, FlowVerdict.Forwarded)],
            records.Select(r => (r.Source!.ToString(), r.SourcePort!.Value, r.Destination!.ToString(), r.DestinationPort!.Value, r.Protocol, r.Verdict)));
    }
}
