using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade eval</c> on the bundled example: verdicts, explanations and bad endpoints.</summary>
public sealed class EvalCommandTests
{
    private static readonly string Shop = RepoPaths.InRepo("examples", "shop");

    private static CliRun Eval(params string[] args) => CliRun.Of(["eval", Shop, .. args]);

    [Fact]
    public void An_allowed_connection_prints_one_verdict_line()
    {
        var run = Eval("--src", "shop-web/storefront", "--dst", "shop-api/catalog", "--port", "50051");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("allowed: shop-web/storefront[Deployment] => shop-api/catalog[Deployment] : TCP 50051\n", run.Output);
    }

    [Fact]
    public void A_denied_connection_also_exits_0()
    {
        var run = Eval("--src", "shop-web/storefront", "--dst", "shop-api/cart", "--port", "grpc");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("denied: shop-web/storefront[Deployment] => shop-api/cart[Deployment] : TCP 50051\n", run.Output);
    }

    [Fact]
    public void Explain_names_the_deciding_rules_on_both_sides()
    {
        var run = Eval("--src", "shop-web/storefront", "--dst", "shop-api/cart", "--port", "grpc", "--explain");
        Assert.Contains("  egress of shop-web/storefront[Deployment]: allows\n", run.Output);
        Assert.Contains("      spec.egress[0] admits TCP 50051\n", run.Output);
        Assert.Contains("  ingress of shop-api/cart[Deployment]: denies\n", run.Output);
        Assert.Contains("peer does not match: podSelector without namespaceSelector selects in namespace shop-api only, and shop-web/storefront is in shop-web", run.Output);
    }

    [Fact]
    public void Endpoints_may_be_given_as_connectivity_prints_them_or_as_ips()
    {
        var run = Eval("--src", "shop-api/checkout[Deployment]", "--dst", "203.0.113.7", "--port", "8444");
        Assert.Equal("allowed: shop-api/checkout[Deployment] => 203.0.113.7 : TCP 8444\n", run.Output);
        var carved = Eval("--src", "shop-api/checkout", "--dst", "203.0.113.200", "--port", "443", "--explain");
        Assert.Contains("203.0.113.200 is carved out of ipBlock 203.0.113.0/24 by except 203.0.113.192/26", carved.Output);
    }

    [Fact]
    public void Protocol_selects_the_named_port()
    {
        var run = Eval("--src", "shop-api/cart", "--dst", "kube-system/coredns", "--port", "dns", "--protocol", "UDP");
        Assert.Equal("allowed: shop-api/cart[Deployment] => kube-system/coredns[Deployment] : UDP 53\n", run.Output);
    }

    [Theory]
    [InlineData("shop-web/nothing", "shop-api/cart", "80", "error: --src: unknown endpoint shop-web/nothing: no workload or pod of that name (namespace shop-web has admin-panel, storefront)\n")]
    [InlineData("shop-web/storefront", "shop-api/cart", "nosuch", "error: --port: named port nosuch/TCP is not declared by shop-api/cart (it declares grpc 50051/TCP, metrics 9102/TCP)\n")]
    [InlineData("shop-web/storefront", "10.0.0.300", "80", "error: --dst: \"10.0.0.300\" is neither ns/name nor an IP address\n")]
    [InlineData("10.0.0.0/8", "shop-api/cart", "80", "error: --src: \"10.0.0.0/8\" is an address range; eval judges one address, such as 10.0.0.0\n")]
    [InlineData("0.0.0.0-255.255.255.255[External]", "shop-api/cart", "80", "error: --src: \"0.0.0.0-255.255.255.255[External]\" is an address range; eval judges one address, such as 0.0.0.0\n")]
    [InlineData("shop-web/storefront", "fd00::/8", "80", "error: --dst: \"fd00::/8\" is an address range; eval judges one address, such as fd00::\n")]
    [InlineData("shop-web/storefront", "8.8.8.8", "http", "error: --port: named port http needs a pod destination; 8.8.8.8-8.8.8.8[External] is an external address\n")]
    [InlineData("shop-web/storefront", "shop-api/cart", "70000", "error: --port: port 70000 is outside 1-65535\n")]
    [InlineData("shop-web/storefront", "shop-api/cart", "99999999999", "error: --port: port 99999999999 is outside 1-65535\n")]
    [InlineData("shop-web/storefront", "shop-api/cart", "80-90", "error: --port: \"80-90\" is neither a port number (1-65535) nor a port name (up to 15 lowercase letters, digits and '-', with a letter)\n")]
    [InlineData("shop-web/storefront", "shop-api/cart", "HTTP", "error: --port: \"HTTP\" is neither a port number (1-65535) nor a port name (up to 15 lowercase letters, digits and '-', with a letter)\n")]
    public void Bad_endpoints_and_ports_exit_2(string source, string destination, string port, string error)
    {
        var run = Eval("--src", source, "--dst", destination, "--port", port);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(error, run.Error);
    }
}
