using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// An apiVersion Kubernetes never served for a kind we read is refused, as kubectl apply refuses it ("no matches for
/// kind"); removed versions that once existed are read, and same-named kinds of other projects' groups are ignored.
/// </summary>
public sealed class ApiVersionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Policy(string apiVersion)
    {
        var path = _dir.File("np.yaml");
        File.WriteAllText(path, $"apiVersion: {apiVersion}\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: a}}\nspec: {{podSelector: {{}}}}\n");
        return path;
    }

    [Theory]
    [InlineData("networking.k8s.io/v9")]
    [InlineData("networking.k8s.io/v1beta1")]
    [InlineData("v1")]
    [InlineData("apps/v1")]
    public void A_version_Kubernetes_does_not_serve_is_refused(string apiVersion)
    {
        var path = Policy(apiVersion);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:1:13: NetworkPolicy a/p: apiVersion: Kubernetes serves no NetworkPolicy in {apiVersion} (kubectl apply refuses it: no matches for kind): use networking.k8s.io/v1\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_version_in_json_is_refused_at_its_line()
    {
        var path = _dir.File("deploy.json");
        File.WriteAllText(path, "{\"kind\": \"Deployment\",\n \"apiVersion\": \"apps/v2\", \"metadata\": {\"name\": \"d\", \"namespace\": \"a\"}}\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:2:16: Deployment a/d: apiVersion: Kubernetes serves no Deployment in apps/v2 (kubectl apply refuses it: no matches for kind): use apps/v1\n", run.Error);
    }

    [Theory]
    [InlineData("networking.k8s.io/v1")]
    [InlineData("extensions/v1beta1")]
    [InlineData("crd.projectcalico.org/v1")]
    public void Served_versions_and_other_projects_kinds_are_read(string apiVersion)
    {
        var run = CliRun.Of("connectivity", Policy(apiVersion));
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("error", run.Error, StringComparison.Ordinal);
    }
}
