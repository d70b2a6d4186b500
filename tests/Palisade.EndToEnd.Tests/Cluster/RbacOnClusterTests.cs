using System.Text.RegularExpressions;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>deploy/rbac.yaml on a real server: its ServiceAccount reads every kind Palisade reads, and no secret.</summary>
[Collection(KubeApiServerCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class RbacOnClusterTests(KubeApiServer server)
{
    [Fact]
    public async Task The_service_account_may_get_list_and_watch_every_kind_read()
    {
        var credentials = await ApplyRbacAsync();

        var rules = CanIList(credentials);

        Assert.All(ReadKinds.All.Select(ReadKinds.Qualified), kind =>
            Assert.True(rules.TryGetValue(kind, out var verbs) && new[] { "get", "list", "watch" }.All(verbs.Contains),
                $"{kind}: {(rules.TryGetValue(kind, out var v) ? string.Join(" ", v) : "no rule")}"));
    }

    [Theory]
    [InlineData("get", "secrets")]
    [InlineData("list", "secrets")]
    [InlineData("watch", "secrets")]
    [InlineData("list", "configmaps")]
    [InlineData("create", "networkpolicies.networking.k8s.io")]
    [InlineData("delete", "pods")]
    [InlineData("create", "pods/exec")]
    public async Task The_service_account_may_not(string verb, string resource)
    {
        var credentials = await ApplyRbacAsync();

        var answer = server.KubectlAs(credentials.KubeconfigPath, null, "auth", "can-i", verb, resource, "--all-namespaces");

        Assert.Equal("no", answer.Output.Trim());
        Assert.DoesNotContain(CanIList(credentials).Keys, k => k.StartsWith("secrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dump_as_the_service_account_has_the_same_connectivity_as_one_as_admin()
    {
        var credentials = await ApplyRbacAsync();
        server.ApplyFiles([.. ShopFor120.Files]);

        var asReader = ClusterDump.Write(server, Path.Combine(server.StateDirectory, "dump-reader.yaml"), credentials.KubeconfigPath);
        var asAdmin = ClusterDump.Write(server, Path.Combine(server.StateDirectory, "dump-admin.yaml"));

        Assert.Equal(CliRun.Of("connectivity", asAdmin).Output, CliRun.Of("connectivity", asReader).Output);
    }

    private async Task<ServiceAccountCredentials> ApplyRbacAsync()
    {
        server.Require();
        server.ApplyFiles(RepoPaths.InRepo("deploy", "rbac.yaml"));
        return await server.ServiceAccountAsync("palisade", "palisade");
    }

    /// <summary>The rules review of <c>kubectl auth can-i --list</c>: verbs by resource.</summary>
    private Dictionary<string, string[]> CanIList(ServiceAccountCredentials credentials)
    {
        var table = server.KubectlAs(credentials.KubeconfigPath, null, "auth", "can-i", "--list").Ok("kubectl auth can-i --list").Output;
        return table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => RuleLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["resource"].Value, m => m.Groups["verbs"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A resource line: name, non-resource URLs, resource names, verbs, each but the first in brackets.</summary>
    [GeneratedRegex(@"^(?<resource>\S+)\s+\[[^\]]*\]\s+\[[^\]]*\]\s+\[(?<verbs>[^\]]*)\]\s*$")]
    private static partial Regex RuleLine();
}
