using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// The corpus' real demo applications. Expectations come from reading their manifests: Online Boutique's
/// policies deny all, then open each service to its documented callers, and let every pod egress freely.
/// </summary>
public sealed class DemoApplicationTests
{
    private static string[] Lines(params string[] args)
    {
        var run = CliRun.Of(["connectivity", .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Online_boutique_without_policies_is_fully_open()
    {
        var lines = Lines(RepoPaths.Corpus("manifests", "online-boutique", "kubernetes-manifests.yaml"));
        Assert.Equal(12 * 11 + 12 * 2, lines.Length);
        Assert.All(lines, l => Assert.EndsWith(" : All Connections", l));
    }

    [Fact]
    public void Online_boutique_policies_open_only_the_documented_paths()
    {
        var lines = Lines(RepoPaths.Corpus("manifests", "online-boutique"));
        Assert.Contains("0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : All Connections", lines);
        Assert.Contains("default/frontend[Deployment] => default/cartservice[Deployment] : TCP 7070", lines);
        Assert.Contains("default/checkoutservice[Deployment] => default/paymentservice[Deployment] : TCP 50051", lines);
        Assert.Equal(["default/cartservice[Deployment] => default/redis-cart[Deployment] : TCP 6379"],
            lines.Where(l => l.Contains("=> default/redis-cart", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("=> default/loadgenerator", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("0.0.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Guestbook_has_no_isolation()
    {
        var lines = Lines(RepoPaths.Corpus("manifests", "guestbook"));
        Assert.Equal(3 * 2 + 3 * 2, lines.Length);
        Assert.All(lines, l => Assert.EndsWith(" : All Connections", l));
    }
}
