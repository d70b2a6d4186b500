using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// IPv4-mapped IPv6 addresses (<c>::ffff:10.244.1.5</c>), as dual-stack sockets and some exporters write IPv4 peers: they
/// are the IPv4 addresses, resolved to the pods holding them, matched by IPv4 ipBlocks and named in IPv4.
/// </summary>
public sealed class MappedAddressTests
{
    // shop/db also admits the VPC's 10.0.0.0/8 on 5432.
    private const string FromVpc = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-vpc, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
            ports: [{port: 5432, protocol: TCP}]
        """;

    [Theory]
    [InlineData("hubble")]
    [InlineData("csv")]
    public void Mapped_addresses_are_judged_as_ipv4(string format)
    {
        (string Source, string Destination, int SourcePort, int Port)[] flows = [
            ("::ffff:10.9.9.9", "::ffff:" + Db, 41000, 5432),
            ("::ffff:" + Web, "::ffff:203.0.113.9", 41001, 443),
            ("::ffff:192.168.5.5", "::ffff:" + Db, 41002, 5432),
        ];
        string[] lines = format == "csv"
            ? ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
               .. flows.Select((f, i) => $"2026-01-02T10:00:0{i + 1}Z,{f.Source},{f.SourcePort},{f.Destination},{f.Port},TCP,80,FORWARDED")]
            : [.. flows.Select((f, i) => Hubble(i + 1, f.Source, f.Destination, f.SourcePort, f.Port))];
        Assert.Equal([
            "internet-egress shop/web[Deployment] > 203.0.113.9 TCP",
            "policy-violation 192.168.5.5 > shop/db[Deployment] TCP",
        ], Check(lines, moreCluster: FromVpc).Select(Key).Order(StringComparer.Ordinal));
    }
}
