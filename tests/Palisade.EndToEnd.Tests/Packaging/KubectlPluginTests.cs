using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>
/// The kubectl plugin from deploy/kubectl-plugin/build.sh: <c>kubectl palisade …</c> works from a shell whose PATH
/// holds only the plugin's folder and a folder with a link to kubectl, in an environment with nothing else but
/// HOME, so no <c>dotnet</c> (or DOTNET_ROOT) is reachable.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Slow")]
public sealed class KubectlPluginTests(PackagingWorkspace workspace)
{
    [Fact]
    public void Kubectl_runs_the_plugin_without_dotnet_on_the_path()
    {
        var (plugin, path) = KubectlPlugin.Build(workspace);

        var checks = KubectlPlugin.Shell(path, "kubectl palisade checks");
        var scan = KubectlPlugin.Shell(path, $"kubectl palisade scan '{RepoPaths.InRepo("examples", "shop")}'");

        Assert.Null(ExternalCommand.Which("dotnet", path));
        Assert.Equal(Path.Combine(plugin, "kubectl-palisade"), ExternalCommand.Which("kubectl-palisade", path));
        Assert.Equal(CliRun.Of("checks").Output, checks.Ok("kubectl palisade checks").Output);
        Assert.Contains("Risk score", scan.Ok("kubectl palisade scan").Output);
    }

    [Fact]
    public void The_krew_archive_holds_the_plugin_and_its_checksum_is_beside_it()
    {
        var (plugin, _) = KubectlPlugin.Build(workspace);
        var archive = Path.Combine(plugin, "kubectl-palisade_linux_amd64.tar.gz");

        var listing = ExternalCommand.Run("tar", ["-tzf", archive]).Ok("tar -t").Output;
        var sum = ExternalCommand.Run("sha256sum", [archive]).Ok("sha256sum").Output.Split(' ')[0];

        Assert.Equal("kubectl-palisade", listing.Trim());
        Assert.StartsWith(sum + " ", File.ReadAllText(archive + ".sha256"), StringComparison.Ordinal);
    }
}
