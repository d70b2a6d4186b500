using Palisade.Server.Tests.Support;
using Palisade.Testing;
using static Palisade.Server.Tests.Support.AlertParity;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// The service watching no cluster (<c>--no-watch</c>) raises the alerts <c>audit</c> without <c>--cluster</c> raises on the
/// same events: both start from nothing and follow what the log writes. The scenarios are those of <see cref="CliParityTests"/>.
/// </summary>
public sealed class CliParityWithoutClusterTests
{
    [Fact]
    public async Task Every_audit_rule_gives_the_alerts_of_audit_without_a_cluster()
    {
        // Without a cluster the relabelled pod's connections are unknown: no label-change-opened, on either side.
        Assert.Equal(CliParityTests.EveryRuleName.Where(r => r != "label-change-opened"), Names(await SameAudit(CliParityTests.EveryRule())));
    }

    [Fact]
    public async Task Writes_judged_against_earlier_ones_give_the_alerts_of_audit_without_a_cluster() =>
        await SameAudit(CliParityTests.Repeated());

    [Fact]
    public async Task Server_side_applies_give_the_alerts_of_audit_without_a_cluster() =>
        await SameAudit(CliParityTests.ServerSideApplied());

    private static async Task<List<string>> SameAudit(string[] lines)
    {
        await using var server = await TestServer.StartAsync();
        var log = Path.Combine(server.Directory, "audit.log");
        File.WriteAllText(log, AuditLines.Log(lines));
        var cli = Command("audit", log);

        var records = await Posted(server, "api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{string.Join(",", lines)}}]}""");

        Same(cli, await Detected(server, records));
        return cli;
    }
}
