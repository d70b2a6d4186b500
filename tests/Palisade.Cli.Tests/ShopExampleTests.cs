using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// The bundled example against the intent stated in examples/shop/README.md: every intended flow is
/// open on exactly its ports, and the three deliberate gaps show.
/// </summary>
public sealed class ShopExampleTests
{
    private static readonly Lazy<string[]> Lines = new(() =>
    {
        var run = CliRun.Of("connectivity", RepoPaths.InRepo("examples", "shop"));
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    });

    [Theory]
    [InlineData("0.0.0.0-255.255.255.255[External]", "shop-web/storefront[Deployment]", "TCP 8080")]
    [InlineData("shop-web/storefront[Deployment]", "shop-api/catalog[Deployment]", "TCP 50051")]
    [InlineData("shop-web/storefront[Deployment]", "shop-api/checkout[Deployment]", "TCP 8080")]
    [InlineData("shop-web/admin-panel[Deployment]", "shop-api/catalog[Deployment]", "TCP 50051")]
    [InlineData("shop-api/cart[Deployment]", "shop-api/catalog[Deployment]", "TCP 50051")]
    [InlineData("shop-api/checkout[Deployment]", "shop-api/catalog[Deployment]", "TCP 50051")]
    [InlineData("shop-api/checkout[Deployment]", "shop-api/cart[Deployment]", "TCP 50051")]
    [InlineData("shop-api/cart[Deployment]", "shop-data/session-cache[Deployment]", "TCP 6379")]
    [InlineData("shop-api/catalog[Deployment]", "shop-data/postgres[StatefulSet]", "TCP 5432")]
    [InlineData("shop-api/report-export[CronJob]", "shop-data/postgres[StatefulSet]", "TCP 5432")]
    [InlineData("shop-api/checkout[Deployment]", "203.0.113.0-203.0.113.191[External]", "TCP 443,8443-8445")]
    [InlineData("shop-data/postgres[StatefulSet]", "kube-system/coredns[Deployment]", "TCP 53,UDP 53")]
    [InlineData("monitoring/prometheus[Deployment]", "shop-data/postgres[StatefulSet]", "TCP 9187")]
    [InlineData("monitoring/node-exporter[DaemonSet]", "monitoring/prometheus[Deployment]", "TCP 9090")]
    public void Intended_flows_are_open_on_their_ports(string source, string destination, string ports) =>
        Assert.Contains($"{source} => {destination} : {ports}", Lines.Value);

    [Fact]
    public void Gap_1_the_database_accepts_any_pod_whose_egress_is_open()
    {
        Assert.Contains("shop-web/admin-panel[Deployment] => shop-data/postgres[StatefulSet] : TCP 5432", Lines.Value);
        Assert.Contains("monitoring/node-exporter[DaemonSet] => shop-data/postgres[StatefulSet] : TCP 5432", Lines.Value);
    }

    [Fact]
    public void Gap_2_the_admin_panel_is_open_to_everything()
    {
        Assert.Contains("0.0.0.0-255.255.255.255[External] => shop-web/admin-panel[Deployment] : All Connections", Lines.Value);
        Assert.Contains("kube-system/coredns[Deployment] => shop-web/admin-panel[Deployment] : All Connections", Lines.Value);
    }

    [Fact]
    public void Gap_3_the_mistyped_selector_blocks_storefront_to_cart() =>
        Assert.DoesNotContain(Lines.Value, l => l.StartsWith("shop-web/storefront[Deployment] => shop-api/cart", StringComparison.Ordinal));

    [Fact]
    public void The_payment_provider_carve_out_is_closed() =>
        Assert.DoesNotContain(Lines.Value, l => l.StartsWith("shop-api/checkout[Deployment] => 203.0.113.192", StringComparison.Ordinal));
}
