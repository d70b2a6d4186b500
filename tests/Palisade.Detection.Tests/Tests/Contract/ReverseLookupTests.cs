using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Reverse lookups (PTR names under <c>in-addr.arpa</c> and <c>ip6.arpa</c>) and <c>dns-exfiltration</c>. A server that
/// resolves its clients' addresses (MySQL without skip_name_resolve, sshd's UseDNS, Apache's HostnameLookups) asks one
/// name per client under one "registered domain" (<c>10.in-addr.arpa</c>): the names of private, shared, loopback and
/// link-local addresses are answered by the resolvers themselves (RFC 6303, RFC 7793; CoreDNS's kubernetes plugin for the
/// cluster's), so they carry nothing out and are not counted, as names under the cluster's domain are not. Reverse
/// names of public addresses are counted as the contract reads.
/// </summary>
public sealed class ReverseLookupTests
{
    private static IEnumerable<string> Lookups(int count, Func<int, string> name) =>
        Enumerable.Range(0, count).Select(i => Hubble(i * 0.5, Web, "10.96.0.10", 50000 + i, 53, "UDP", l7: DnsQuery(name(i))));

    private static bool Exfiltration(IEnumerable<string> lines) =>
        Check(lines).Any(a => a.GetProperty("detector").GetString() == "dns-exfiltration");

    [Theory]
    [InlineData("{0}.1.244.10.in-addr.arpa.")]
    [InlineData("{0}.3.20.172.in-addr.arpa.")]
    [InlineData("{0}.1.168.192.in-addr.arpa.")]
    [InlineData("{0}.7.70.100.in-addr.arpa.")]
    [InlineData("{0}.0.254.169.in-addr.arpa.")]
    [InlineData("{1:x}.{2:x}.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.4.4.2.0.0.1.0.0.0.0.d.f.ip6.arpa.")]
    public void A_sweep_of_reverse_lookups_of_private_addresses_is_no_exfiltration(string format) =>
        Assert.False(Exfiltration(Lookups(60, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i, i % 16, i / 16))));

    [Fact]
    public void Reverse_lookups_of_public_addresses_count_as_the_contract_reads()
    {
        Assert.True(Exfiltration(Lookups(60, i => $"{i}.113.0.203.in-addr.arpa.")));
        // 172.32/12 is no private range.
        Assert.True(Exfiltration(Lookups(60, i => $"{i}.1.32.172.in-addr.arpa.")));
    }
}
