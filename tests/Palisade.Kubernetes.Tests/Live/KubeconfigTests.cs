using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>Finding the cluster as kubectl does: --kubeconfig, --context, KUBECONFIG's merged files, and what is missing.</summary>
public sealed class KubeconfigTests
{
    [Fact]
    public async Task A_missing_kubeconfig_file_is_bad_input()
    {
        await using var fake = await FakeCluster.StartAsync();
        var missing = Path.Combine(fake.Folder, "nope");

        var error = fake.Error(fake.Request(missing));

        Assert.Equal($"--kubeconfig: no such file: {missing}", error.Message);
    }

    [Fact]
    public async Task An_unknown_context_lists_the_known_ones()
    {
        await using var fake = await FakeCluster.StartAsync();

        var error = fake.Error(fake.Request() with { Context = "prod" });

        Assert.Equal($"--context: no context \"prod\" in {Path.Combine(fake.Folder, "kubeconfig")} (contexts: fake)", error.Message);
    }

    [Fact]
    public async Task A_kubeconfig_without_current_context_asks_for_one()
    {
        await using var fake = await FakeCluster.StartAsync();
        var path = Kubeconfigs.Write(Path.Combine(fake.Folder, "no-current"), [("a", "https://127.0.0.1:1", "t"), ("b", "https://127.0.0.1:2", "t")], current: null);

        var error = fake.Error(fake.Request(path));

        Assert.Equal($"{path} sets no current-context; choose one with --context (contexts: a, b)", error.Message);
    }

    [Fact]
    public async Task The_context_given_replaces_the_current_one()
    {
        await using var fake = await FakeCluster.StartAsync("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        var server = fake.Api.BaseAddress.ToString().TrimEnd('/');
        var path = Kubeconfigs.Write(Path.Combine(fake.Folder, "two"), [("gone", LoopbackPorts.ClosedHttps(), "t"), ("fake", server, FakeApiServer.AdminToken)]);

        var (cluster, read) = fake.Read(fake.Request(path) with { Context = "fake" });

        Assert.Equal($"context \"fake\" ({server})", read.Cluster);
        Assert.Contains("shop", cluster.Network.Namespaces.Keys);
    }

    [Fact]
    public async Task KUBECONFIG_files_are_merged_the_first_definition_winning_and_missing_files_skipped()
    {
        await using var fake = await FakeCluster.StartAsync("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        var server = fake.Api.BaseAddress.ToString().TrimEnd('/');
        var first = Kubeconfigs.Write(Path.Combine(fake.Folder, "first"), [("fake", server, FakeApiServer.AdminToken)]);
        var second = Kubeconfigs.Write(Path.Combine(fake.Folder, "second"), [("fake", server, "overridden-token"), ("other", LoopbackPorts.ClosedHttps(), "t")], current: "other");
        var variable = string.Join(Path.PathSeparator, Path.Combine(fake.Folder, "missing"), first, second);

        var (_, read) = fake.Read(fake.Request() with { Kubeconfig = null, KubeconfigVariable = variable });

        Assert.Equal($"context \"fake\" ({server})", read.Cluster);
    }

    [Fact]
    public async Task A_context_of_a_later_KUBECONFIG_file_can_be_chosen()
    {
        await using var fake = await FakeCluster.StartAsync();
        var server = fake.Api.BaseAddress.ToString().TrimEnd('/');
        var first = Kubeconfigs.Write(Path.Combine(fake.Folder, "first"), [("gone", LoopbackPorts.ClosedHttps(), "t")]);
        var second = Kubeconfigs.Write(Path.Combine(fake.Folder, "second"), [("fake", server, FakeApiServer.AdminToken)]);

        var (_, read) = fake.Read(fake.Request() with { Kubeconfig = null, KubeconfigVariable = first + Path.PathSeparator + second, Context = "fake" });

        Assert.Equal($"context \"fake\" ({server})", read.Cluster);
    }

    [Fact]
    public async Task KUBECONFIG_naming_no_existing_file_is_bad_input()
    {
        await using var fake = await FakeCluster.StartAsync();
        var missing = Path.Combine(fake.Folder, "missing");

        var error = fake.Error(fake.Request() with { Kubeconfig = null, KubeconfigVariable = missing });

        Assert.Equal($"KUBECONFIG: none of its files exists ({missing})", error.Message);
    }

    [Fact]
    public async Task The_default_kubeconfig_is_read_when_nothing_else_is_given()
    {
        await using var fake = await FakeCluster.StartAsync();

        var (_, read) = fake.Read(fake.Request() with { Kubeconfig = null, DefaultKubeconfig = fake.Kubeconfig });

        Assert.StartsWith("context \"fake\"", read.Cluster, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_kubeconfig_outside_a_pod_there_is_nothing_to_read()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null, "running in a pod: in-cluster configuration applies");
        await using var fake = await FakeCluster.StartAsync();
        var request = fake.Request() with { Kubeconfig = null };

        var error = fake.Error(request);

        Assert.Equal($"no kubeconfig to read the cluster with: --kubeconfig not given, KUBECONFIG not set, {request.DefaultKubeconfig} missing, and not running in a pod", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_kubeconfig_is_bad_input()
    {
        await using var fake = await FakeCluster.StartAsync();
        var path = Path.Combine(fake.Folder, "garbage");
        File.WriteAllText(path, "clusters: [unclosed\n");

        var error = fake.Error(fake.Request(path));

        Assert.StartsWith($"{path}: not a readable kubeconfig: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
