using System.Text.Json.Nodes;
using Palisade.Testing;

namespace Palisade.Cli.Tests.Live;

/// <summary>
/// The analysis commands on a running cluster (the fake API server holding examples/shop) answer as they do on the
/// example's files: --kubeconfig instead of PATH, the path word 'live', either side of diff.
/// </summary>
public sealed class LiveCommandTests(ShopOnFakeApi shop) : IClassFixture<ShopOnFakeApi>
{
    [Theory]
    [InlineData("connectivity")]
    [InlineData("connectivity", "-o", "json")]
    [InlineData("connectivity", "--exposure")]
    [InlineData("eval", "--src", "shop-web/admin-panel", "--dst", "shop-data/postgres", "--port", "5432")]
    public void A_connectivity_command_answers_on_the_cluster_as_on_the_files(params string[] command)
    {
        var fromFiles = CliRun.Of([.. command, ShopOnFakeApi.Example]);
        var live = CliRun.Of([.. command, "--kubeconfig", shop.Kubeconfig]);

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Equal(fromFiles.Output, live.Output);
        Assert.Equal(fromFiles.Error, live.Error);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("scan")]
    public void A_posture_command_answers_on_the_cluster_as_on_the_files_but_for_locations(string command)
    {
        var fromFiles = CliRun.Of(command, ShopOnFakeApi.Example, "-o", "json");
        var live = CliRun.Of(command, "--kubeconfig", shop.Kubeconfig, "-o", "json");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Contains("\"location\"", fromFiles.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"location\"", live.Output, StringComparison.Ordinal);
        Assert.Equal(ShopOnFakeApi.WithoutLocations(fromFiles.Output), ShopOnFakeApi.WithoutLocations(live.Output));
    }

    [Theory]
    [InlineData("lint", "table")]
    [InlineData("lint", "md")]
    [InlineData("scan", "table")]
    [InlineData("scan", "html")]
    public void Reports_without_file_locations_are_written_in_every_format(string command, string format)
    {
        var run = CliRun.Of(command, "--kubeconfig", shop.Kubeconfig, "-o", format);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("PAL302", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_sarif_of_a_live_cluster_validates_with_logical_locations_only()
    {
        var run = CliRun.Of("lint", "--kubeconfig", shop.Kubeconfig, "-o", "sarif");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("physicalLocation", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"logicalLocations\"", run.Output, StringComparison.Ordinal);
        SarifSchemaTests.AssertValid(run.Output);
    }

    [Fact]
    public void The_path_word_live_is_the_cluster()
    {
        var implicitly = CliRun.Of("connectivity", "--kubeconfig", shop.Kubeconfig);
        var named = CliRun.Of("connectivity", "live", "--kubeconfig", shop.Kubeconfig);

        Assert.Equal(implicitly, named);
    }

    [Fact]
    public void The_cluster_and_files_make_one_cluster_under_one_duplicate_rule()
    {
        var run = CliRun.Of("connectivity", "live", Path.Combine(ShopOnFakeApi.Example, "namespaces.yaml"), "--kubeconfig", shop.Kubeconfig);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Namespace kube-system: metadata.name: declared twice (first at an earlier input)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_of_the_cluster_with_files_beside_it_keeps_the_later_declaration()
    {
        var run = CliRun.Of("lint", "live", Path.Combine(ShopOnFakeApi.Example, "namespaces.yaml"), "--kubeconfig", shop.Kubeconfig, "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"PAL209\"", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--old", "live", "--new", "NEW")]
    [InlineData("--old", "live", "NEW")]
    [InlineData("live", "NEW")]
    public void Diff_takes_the_cluster_as_the_old_version(params string[] sides)
    {
        var changed = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "shop-changed");
        var fromFiles = CliRun.Of("diff", ShopOnFakeApi.Example, changed);

        var live = CliRun.Of(["diff", .. sides.Select(s => s == "NEW" ? changed : s), "--kubeconfig", shop.Kubeconfig]);

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.NotEmpty(fromFiles.Output);
        Assert.Equal(fromFiles.Output, live.Output);
    }

    [Fact]
    public void Diff_takes_the_cluster_as_the_new_version()
    {
        var fromFiles = CliRun.Of("diff", ShopOnFakeApi.Example, ShopOnFakeApi.Example, "-o", "json");

        var live = CliRun.Of("diff", "--old", ShopOnFakeApi.Example, "--new", "live", "--kubeconfig", shop.Kubeconfig, "-o", "json");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Equal("[]\n", fromFiles.Output);
        Assert.Equal(fromFiles.Output, live.Output);
    }

    [Fact]
    public void Namespace_limits_the_namespaced_kinds_read()
    {
        var run = CliRun.Of("connectivity", "--kubeconfig", shop.Kubeconfig, "--namespace", "shop-data", "-n", "shop-api");

        Assert.True(run.ExitCode == 0, run.Error);
        var peers = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split(" : ")[0].Split(" => "))
            .Where(p => !p.EndsWith("[External]", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Equal(["shop-api", "shop-data"], peers.Select(p => p.Split('/')[0]).Distinct().Order());
    }

    [Fact]
    public void With_allow_partial_the_commands_say_what_they_could_not_read_and_what_that_turns_off()
    {
        var (user, kubeconfig) = shop.NewUser("no-rbac");
        shop.Api.Forbid(r => r.User == user && r.Resource is { Group: "rbac.authorization.k8s.io" } or { Plural: "serviceaccounts" });

        var run = CliRun.Of("lint", "--kubeconfig", kubeconfig, "--allow-partial", "-o", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("warning: not read (forbidden): serviceaccounts, roles.rbac.authorization.k8s.io, clusterroles.rbac.authorization.k8s.io, rolebindings.rbac.authorization.k8s.io, clusterrolebindings.rbac.authorization.k8s.io: the RBAC checks are off (PAL501–PAL506)\n", run.Error);
        var summary = JsonNode.Parse(run.Output)!["summary"]!;
        var full = JsonNode.Parse(CliRun.Of("lint", ShopOnFakeApi.Example, "-o", "json").Output)!["summary"]!;
        Assert.Equal(full["checks"]!.GetValue<int>() - 6, summary["checks"]!.GetValue<int>());
    }

    [Fact]
    public void Without_allow_partial_the_first_refusal_fails_the_command()
    {
        var (user, kubeconfig) = shop.NewUser("no-pods");
        shop.Api.Forbid(r => r.User == user && r.Resource is { Plural: "pods" or "networkpolicies" });

        var run = CliRun.Of("scan", "--kubeconfig", kubeconfig);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: context \"fake\" ({Server}): pods is forbidden: User \"{user}\" cannot list resource \"pods\" in API group \"\" at the cluster scope; "
            + "palisade needs get, list and watch on the kinds it reads: bind the ClusterRole palisade-reader of deploy/rbac.yaml, or add --allow-partial to read only what is allowed\n", run.Error);
        Assert.Empty(run.Output);
    }

    private string Server => shop.Api.BaseAddress.ToString().TrimEnd('/');
}
