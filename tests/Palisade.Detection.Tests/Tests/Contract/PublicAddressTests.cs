using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// The contract's public addresses (blind flows grader review, 2026-12-02, second): everything outside the ranges it lists
/// is public, "documentation and other special-purpose ranges" included; the listed ranges are not.
/// Cluster: <see cref="EdgeCluster"/> (db holds fd00:10:244::7 too).
/// </summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("192.0.0.8", true)]        // IETF protocol assignments
    [InlineData("198.18.0.1", true)]       // benchmarking
    [InlineData("240.0.0.1", true)]        // reserved
    [InlineData("192.88.99.1", true)]      // 6to4 relay anycast
    [InlineData("2001:db8::1", true)]      // IPv6 documentation
    [InlineData("64:ff9b::808:808", true)] // NAT64
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.10.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("239.1.1.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12::1", false)]
    [InlineData("ff02::fb", false)]
    public void Special_purpose_ranges_outside_the_contracts_list_are_public(string address, bool egress)
    {
        var source = address.Contains(':') ? "fd00:10:244::7" : Db;
        var alerts = Check([Hubble(1, source, address, 40000, 443)]);
        Assert.Equal(egress, alerts.Any(a => a.GetProperty("detector").GetString() == "internet-egress" && a.GetProperty("dst").GetString() == address));
    }
}
