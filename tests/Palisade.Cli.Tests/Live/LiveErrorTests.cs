using Palisade.Testing;

namespace Palisade.Cli.Tests.Live;

/// <summary>Every way reading a cluster can fail is one line on standard error and exit code 2.</summary>
public sealed class LiveErrorTests(ShopOnFakeApi shop) : IClassFixture<ShopOnFakeApi>
{
    [Fact]
    public void A_wrong_token()
    {
        var kubeconfig = shop.Api.WriteKubeconfig(Path.Combine(shop.Folder, "wrong-token"), "wrong-token");

        var error = OneLineError("scan", "--kubeconfig", kubeconfig);

        Assert.Equal($"error: context \"fake\" ({Server}): the API server refused the credentials (401 Unauthorized): the token or client certificate is wrong or has expired", error);
    }

    [Fact]
    public void A_missing_permission()
    {
        var (user, kubeconfig) = shop.NewUser("nobody");
        shop.Api.Forbid(r => r.User == user);

        var error = OneLineError("lint", "--kubeconfig", kubeconfig);

        Assert.Equal($"error: context \"fake\" ({Server}): namespaces is forbidden: User \"{user}\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope; "
            + "palisade needs get, list and watch on the kinds it reads: bind the ClusterRole palisade-reader of deploy/rbac.yaml, or add --allow-partial to read only what is allowed", error);
    }

    [Fact]
    public void An_unreachable_server()
    {
        var closed = LoopbackPorts.ClosedHttps();
        var kubeconfig = Path.Combine(shop.Folder, "closed");
        File.WriteAllText(kubeconfig, File.ReadAllText(shop.Kubeconfig).Replace(Server, closed, StringComparison.Ordinal));

        var error = OneLineError("connectivity", "--kubeconfig", kubeconfig);

        Assert.Equal($"error: context \"fake\" ({closed}): cannot reach the API server: Connection refused", error);
    }

    [Fact]
    public void A_server_the_kubeconfig_does_not_trust()
    {
        var kubeconfig = Path.Combine(shop.Folder, "no-authority");
        File.WriteAllText(kubeconfig, string.Join('\n', File.ReadAllLines(shop.Kubeconfig).Select(l => l.Contains("certificate-authority-data", StringComparison.Ordinal)
            ? l[..l.IndexOf(", certificate-authority-data", StringComparison.Ordinal)] + "}"
            : l)));

        var error = OneLineError("connectivity", "--kubeconfig", kubeconfig);

        Assert.StartsWith($"error: context \"fake\" ({Server}): TLS handshake with the API server failed: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kubeconfig()
    {
        var missing = Path.Combine(shop.Folder, "missing");

        Assert.Equal($"error: --kubeconfig: no such file: {missing}", OneLineError("eval", "--kubeconfig", missing, "--src", "a/b", "--dst", "c/d", "--port", "80"));
    }

    [Fact]
    public void A_missing_context()
    {
        Assert.Equal($"error: --context: no context \"prod\" in {shop.Kubeconfig} (contexts: fake)", OneLineError("scan", "--kubeconfig", shop.Kubeconfig, "--context", "prod"));
    }

    [Fact]
    public void No_path_and_no_cluster()
    {
        Assert.Equal("error: PATH: missing: give manifest files or directories, or 'live' (or --kubeconfig/--context) to read the running cluster", OneLineError("connectivity"));
    }

    [Fact]
    public void Cluster_options_with_paths_that_are_not_live()
    {
        Assert.Equal("error: --kubeconfig: reads a running cluster, but no input is 'live': drop the paths, or add 'live' among them",
            OneLineError("lint", ShopOnFakeApi.Example, "--kubeconfig", shop.Kubeconfig));
        Assert.Equal("error: --context: reads a running cluster, but no input is 'live': drop the paths, or add 'live' among them",
            OneLineError("diff", ShopOnFakeApi.Example, ShopOnFakeApi.Example, "--context", "prod"));
        Assert.Equal("error: --allow-partial: reads a running cluster, but no input is 'live': drop the paths, or add 'live' among them",
            OneLineError("scan", ShopOnFakeApi.Example, "--allow-partial"));
    }

    [Fact]
    public void Several_namespaces_with_manifests()
    {
        Assert.Equal("error: --namespace: manifests take one namespace, for the objects that name none; give several only to read a live cluster",
            OneLineError("lint", "live", ShopOnFakeApi.Example, "--kubeconfig", shop.Kubeconfig, "-n", "shop-web", "-n", "shop-api"));
    }

    [Fact]
    public void A_diff_without_its_new_version()
    {
        Assert.Equal("error: NEW: missing: give the new version as the second argument or with --new (a path, or 'live')",
            OneLineError("diff", "--old", "live", "--kubeconfig", shop.Kubeconfig));
    }

    /// <summary>Runs the command, checks it failed with exit code 2, nothing on standard output and one line on standard error, and returns that line.</summary>
    private static string OneLineError(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.EndsWith("\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', run.Error.TrimEnd('\n'));
        return run.Error.TrimEnd('\n');
    }

    private string Server => shop.Api.BaseAddress.ToString().TrimEnd('/');
}
