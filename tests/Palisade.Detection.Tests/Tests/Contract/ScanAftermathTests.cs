using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// What a port scan leaves behind in formats without a reply flag (CSV, VPC, GCP): the contract tells replies by the
/// ports their source listens on, and a probe the policy dropped shows nothing listens there. A scan of db's high
/// ports, all dropped, must not make db's own later connections from those ports look like replies.
/// </summary>
public sealed class ScanAftermathTests
{
    [Fact]
    public void Dropped_probes_do_not_make_their_ports_listening_ones()
    {
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => $"2026-01-02T10:00:{i:00}Z,10.244.1.5,{41000 + i},10.244.1.7,{40000 + i},TCP,60,DROPPED")];
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            .. probes,
            // db resolves a name from one of the probed ports (Linux picks ephemeral ports from 32768 up).
            "2026-01-02T10:01:00Z,10.244.1.7,40005,8.8.8.8,53,UDP,80,FORWARDED",
        ]);
        Assert.Contains("internet-egress shop/db[Deployment] > 8.8.8.8 UDP", alerts.Select(Key));
        Assert.Contains("port-scan shop/web[Deployment] > shop/db[Deployment] TCP", alerts.Select(Key));
    }
}
