using Palisade.EndToEnd.Tests.Cluster;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>
/// <c>kubectl palisade scan</c> reads a real cluster (the current context of KUBECONFIG, or --kubeconfig's) from a
/// shell with only kubectl and the plugin on PATH: the self-contained plugin carries the Kubernetes client. Its own
/// server, since the plugin is built in this collection.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "EndToEnd")]
public sealed class KubectlPluginLiveTests(PackagingWorkspace workspace, KubeApiServer server) : IClassFixture<KubeApiServer>
{
    [Fact]
    public void Kubectl_palisade_scan_reads_the_current_context_or_the_kubeconfig_given()
    {
        server.Require();
        var (_, path) = KubectlPlugin.Build(workspace);
        server.ApplyFiles([.. ShopFor120.Files]);
        var dump = ClusterDump.Write(server, Path.Combine(server.StateDirectory, "plugin-dump.yaml"));

        var scan = KubectlPlugin.Shell(path, $"kubectl palisade scan --kubeconfig '{server.KubeconfigPath}' -o json").Ok("kubectl palisade scan --kubeconfig");
        var current = KubectlPlugin.Shell(path, "kubectl palisade scan -o json", kubeconfig: server.KubeconfigPath).Ok("kubectl palisade scan");

        var fromDump = CliRun.Of("scan", dump, "-o", "json");
        Assert.Contains("\"score\"", scan.Output, StringComparison.Ordinal);
        Assert.Equal(Summary(fromDump.Output), Summary(scan.Output));
        Assert.Equal(scan.Output, current.Output);
    }

    /// <summary>The scan's figures: everything before the findings, which are where locations appear.</summary>
    private static string Summary(string json) => json[..json.IndexOf("\"findings\"", StringComparison.Ordinal)];
}
