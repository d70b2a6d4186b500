using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Hubble flows as protobuf's JSON mapping writes them by default: field names in lowerCamelCase (<c>isReply</c>,
/// <c>sourcePort</c>, <c>dropReasonDesc</c>), as grpcurl against Hubble Relay and Go clients using protojson print them,
/// where <c>hubble observe</c> writes the proto names. The mapping has parsers accept both (blind format review, 2026-12-02).
/// </summary>
public sealed class ProtoJsonNameTests
{
    private static string Camel(double seconds, string src, int srcPort, string dst, int dstPort, string verdict, string more = "") =>
        $$$"""{"flow":{"time":"2026-01-02T10:00:{{{seconds:00}}}Z","verdict":"{{{verdict}}}","IP":{"source":"{{{src}}}","destination":"{{{dst}}}","ipVersion":"IPv4"},"l4":{"TCP":{"sourcePort":{{{srcPort}}},"destinationPort":{{{dstPort}}}}},"Type":"L3_L4","nodeName":"node-1","trafficDirection":"EGRESS"{{{more}}}},"nodeName":"node-1","time":"2026-01-02T10:00:{{{seconds:00}}}Z"}""";

    [Fact]
    public void Flows_with_lower_camel_case_names_keep_their_ports_replies_and_policy_drops()
    {
        var alerts = Check([
            // report is not admitted to db: a policy drop named only by dropReasonDesc.
            Camel(1, "10.0.5.9", 45000, Db, 5432, "DROPPED", ""","dropReasonDesc":"POLICY_DENIED","isReply":false"""),
            // A reply its ports cannot tell (both ephemeral): counted, it was a policy-violation into the isolated db.
            Camel(2, "10.0.5.9", 45001, Db, 46000, "FORWARDED", ""","isReply":true"""),
            Camel(3, Web, 41000, "8.8.8.8", 443, "FORWARDED", ""","isReply":false"""),
        ]);
        Assert.Equal(
            ["denied-attempt shop/report[Pod] > shop/db[Deployment] TCP [5432]", "internet-egress shop/web[Deployment] > 8.8.8.8 TCP [443]"],
            alerts.Select(a => $"{Key(a)} [{string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}]").Order(StringComparer.Ordinal));
    }
}
