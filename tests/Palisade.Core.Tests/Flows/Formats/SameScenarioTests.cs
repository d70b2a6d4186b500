using System.Globalization;
using System.Text;
using Palisade.Flows;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>One small scenario written as Hubble, VPC and CSV reads as the same flows.</summary>
public sealed class SameScenarioTests
{
    private sealed record Step(long Seconds, string Source, int SourcePort, string Destination, int DestinationPort, int Protocol, bool Dropped);

    private static readonly Step[] Scenario =
    [
        new(1_709_287_200, "10.1.0.5", 41000, "10.2.0.9", 5432, 6, false),
        new(1_709_287_201, "10.1.0.5", 41001, "10.2.0.9", 22, 6, true),
        new(1_709_287_202, "10.1.0.6", 53000, "10.96.0.10", 53, 17, false),
        new(1_709_287_203, "fd00::7", 40000, "2001:db8::1", 443, 6, false),
        new(1_709_287_204, "10.1.0.5", 5000, "10.2.0.9", 9999, 132, true),
    ];

    [Fact]
    public void Hubble_VPC_and_CSV_agree()
    {
        var hubble = Tuples(FlowInput.Read(FlowFormat.Hubble, AsHubble(), new Palisade.Input.ReadDiagnostics(strict: true)));
        var vpc = Tuples(FlowInput.Read(FlowFormat.Vpc, AsVpc(), new Palisade.Input.ReadDiagnostics(strict: true)));
        var csv = Tuples(FlowInput.Read(FlowFormat.Csv, AsCsv(), new Palisade.Input.ReadDiagnostics(strict: true)));
        Assert.Equal(Scenario.Length, hubble.Count);
        Assert.Equal(hubble, vpc);
        Assert.Equal(hubble, csv);
        Assert.Equal(2, hubble.Count(t => t.Verdict == FlowVerdict.Dropped && t.DroppedByPolicy));
    }

    private static List<(DateTimeOffset Time, string? Source, string? Destination, int? SourcePort, int? DestinationPort, int? Protocol, FlowVerdict Verdict, bool DroppedByPolicy)> Tuples(List<FlowRecord> records) =>
        [.. records.Select(r => (r.Time, r.Source?.ToString(), r.Destination?.ToString(), r.SourcePort, r.DestinationPort, r.Protocol, r.Verdict, r.DroppedByPolicy))];

    private static string AsHubble()
    {
        var text = new StringBuilder();
        foreach (var step in Scenario)
        {
            var l4 = step.Protocol switch { 6 => "TCP", 17 => "UDP", _ => "SCTP" };
            var verdict = step.Dropped ? "\"DROPPED\",\"drop_reason_desc\":\"POLICY_DENIED\"" : "\"FORWARDED\"";
            var time = Rfc3339(step);
            var ports = $"\"source_port\":{step.SourcePort},\"destination_port\":{step.DestinationPort}";
            text.Append($$"""{"flow":{"time":"{{time}}","verdict":{{verdict}},"IP":{"source":"{{step.Source}}","destination":"{{step.Destination}}"},"l4":{"{{l4}}":{""")
                .Append(ports).Append("}}},\"node_name\":\"n1\",\"time\":\"").Append(time).Append("\"}\n");
        }
        return text.ToString();
    }

    private static string AsVpc()
    {
        var text = new StringBuilder("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
        foreach (var step in Scenario)
            text.Append(CultureInfo.InvariantCulture, $"2 123456789012 eni-0a1b2c3d {step.Source} {step.Destination} {step.SourcePort} {step.DestinationPort} {step.Protocol} 3 180 {step.Seconds} {step.Seconds + 60} {(step.Dropped ? "REJECT" : "ACCEPT")} OK\n");
        return text.ToString();
    }

    private static string AsCsv()
    {
        var text = new StringBuilder("time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n");
        foreach (var step in Scenario)
        {
            var protocol = step.Protocol switch { 6 => "TCP", 17 => "udp", _ => "132" };
            text.Append(CultureInfo.InvariantCulture, $"{Rfc3339(step)},{step.Source},{step.SourcePort},{step.Destination},{step.DestinationPort},{protocol},180,{(step.Dropped ? "DROPPED" : "FORWARDED")}\n");
        }
        return text.ToString();
    }

    private static string Rfc3339(Step step) => DateTimeOffset.FromUnixTimeSeconds(step.Seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
