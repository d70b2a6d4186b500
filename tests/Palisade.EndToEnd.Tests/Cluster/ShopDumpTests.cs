using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// examples/shop applied to the real server and dumped with kubectl reads back as the example itself: the
/// baseline that answers with --kubeconfig will be held to.
/// </summary>
[Collection(KubeApiServerCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ShopDumpTests(KubeApiServer server)
{
    [Fact]
    public void Connectivity_of_the_dump_is_that_of_the_example()
    {
        server.Require();
        server.ApplyFiles([.. ShopFor120.Files]);

        var dump = ClusterDump.Write(server, Path.Combine(server.StateDirectory, "shop-dump.yaml"));

        var fromDump = CliRun.Of("connectivity", dump);
        var fromExample = CliRun.Of("connectivity", RepoPaths.InRepo("examples", "shop"));
        Assert.True(fromDump.ExitCode == 0, fromDump.Error);
        Assert.Equal(fromExample.Output, fromDump.Output);
    }
}
