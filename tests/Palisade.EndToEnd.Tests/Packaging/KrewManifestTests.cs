using System.Text.Json.Nodes;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>deploy/krew/palisade.yaml: a krew Plugin whose platforms name the archives build.sh makes.</summary>
public sealed class KrewManifestTests
{
    private static readonly JsonObject Manifest =
        ManifestYaml.ToJson(File.ReadAllText(RepoPaths.InRepo("deploy", "krew", "palisade.yaml"))).Single();

    [Fact]
    public void It_is_a_krew_plugin_named_palisade_at_the_tools_version()
    {
        Assert.Equal("krew.googlecontainertools.github.com/v1alpha2", Manifest["apiVersion"]!.GetValue<string>());
        Assert.Equal("Plugin", Manifest["kind"]!.GetValue<string>());
        Assert.Equal("palisade", Manifest["metadata"]!["name"]!.GetValue<string>());
        var version = CliRun.Of("--version").Output.Trim().Split('+')[0];
        Assert.Equal("v" + version, Manifest["spec"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Every_platform_runs_kubectl_palisade_from_the_archive_build_sh_names_for_it()
    {
        var platforms = Manifest["spec"]!["platforms"]!.AsArray();

        Assert.NotEmpty(platforms);
        Assert.All(platforms, p =>
        {
            var labels = p!["selector"]!["matchLabels"]!;
            Assert.Equal("kubectl-palisade", p["bin"]!.GetValue<string>());
            Assert.Equal("kubectl-palisade", p["files"]![0]!["from"]!.GetValue<string>());
            Assert.EndsWith($"/kubectl-palisade_{labels["os"]}_{labels["arch"]}.tar.gz", p["uri"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{64}$", p["sha256"]!.GetValue<string>());
        });
    }
}
