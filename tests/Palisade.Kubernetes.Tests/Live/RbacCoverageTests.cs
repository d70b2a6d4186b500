using System.Text.Json.Nodes;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>deploy/rbac.yaml's ClusterRole grants exactly what a live read lists: nothing is refused, nothing is spare.</summary>
public sealed class RbacCoverageTests
{
    private const string Reader = "system:serviceaccount:palisade:palisade";

    [Fact]
    public async Task A_reader_with_only_the_palisade_reader_role_reads_every_kind_and_uses_every_rule()
    {
        await using var fake = await FakeCluster.StartAsync();
        foreach (var custom in FakeResources.CustomKnown)
            fake.Api.Serve(custom);
        var granted = Granted();
        fake.Api.AddUser("reader-token", Reader);
        fake.Api.Forbid(r => r.User == Reader && !granted.Contains((r.Resource!.Group, r.Resource.Plural, r.Verb!)));

        fake.Read(fake.Request(fake.Api.WriteKubeconfig(Path.Combine(fake.Folder, "reader"), "reader-token")));

        var listed = fake.Api.Requests.Where(r => r.Verb == "list").Select(r => (r.Resource!.Group, r.Resource.Plural)).ToHashSet();
        Assert.Equal(granted.Select(g => (g.Group, g.Resource)).Distinct().Order(), listed.Order());
    }

    /// <summary>(group, resource, verb) of every rule of the ClusterRole palisade-reader.</summary>
    private static HashSet<(string Group, string Resource, string Verb)> Granted()
    {
        var role = ManifestYaml.ToJson(File.ReadAllText(RepoPaths.InRepo("deploy", "rbac.yaml")))
            .Single(o => o["kind"]!.GetValue<string>() == "ClusterRole" && o["metadata"]!["name"]!.GetValue<string>() == "palisade-reader");
        return [.. role["rules"]!.AsArray().SelectMany(rule =>
            from g in Strings(rule!["apiGroups"]) from r in Strings(rule["resources"]) from v in Strings(rule["verbs"]) select (g, r, v))];
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
