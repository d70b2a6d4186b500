using System.Text.Json.Nodes;
using Palisade.EndToEnd.Tests.Cluster;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.Deploy;

/// <summary>deploy/rbac.yaml: read-only on exactly the kinds Palisade reads, and clean by Palisade's own checks.</summary>
public sealed class RbacManifestTests
{
    private static readonly string RbacFile = RepoPaths.InRepo("deploy", "rbac.yaml");

    [Fact]
    public void Palisade_lint_finds_nothing_above_low()
    {
        var run = CliRun.Of("lint", RbacFile, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var bySeverity = JsonNode.Parse(run.Output)!["summary"]!["bySeverity"]!;
        Assert.Equal((0, 0, 0), (bySeverity["critical"]!.GetValue<int>(), bySeverity["high"]!.GetValue<int>(), bySeverity["medium"]!.GetValue<int>()));
    }

    [Fact]
    public void The_cluster_role_grants_get_list_watch_on_exactly_the_kinds_read()
    {
        var rules = ClusterRole()["rules"]!.AsArray();

        var granted = rules.SelectMany(rule => Strings(rule!["apiGroups"]).SelectMany(g => Strings(rule["resources"]).Select(r => (g, r)))).ToList();
        Assert.Equal(ReadKinds.All.Order(), granted.Order());
        Assert.All(rules, rule => Assert.Equal(["get", "list", "watch"], Strings(rule!["verbs"])));
        Assert.All(rules, rule => Assert.Null(rule!["resourceNames"]));
    }

    [Fact]
    public void The_binding_gives_the_role_to_the_palisade_service_account()
    {
        var binding = Objects().Single(o => o["kind"]!.GetValue<string>() == "ClusterRoleBinding");

        Assert.Equal("palisade-reader", binding["roleRef"]!["name"]!.GetValue<string>());
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal(("ServiceAccount", "palisade", "palisade"),
            (subject["kind"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["namespace"]!.GetValue<string>()));
    }

    private static JsonObject ClusterRole() => Objects().Single(o => o["kind"]!.GetValue<string>() == "ClusterRole");

    private static IReadOnlyList<JsonObject> Objects() => ManifestYaml.ToJson(File.ReadAllText(RbacFile));

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
