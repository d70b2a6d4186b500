using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// The commands with --kubeconfig on the real server holding the shop answer exactly as they do on a kubectl dump of
/// the same server, once what only a file has (the dump's file, line and column) is taken out; the errors of a
/// wrong token and missing permissions; deploy/rbac.yaml's role is enough for every command; --namespace.
/// </summary>
[Collection(KubeApiServerCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LiveReadTests(KubeApiServer server)
{
    private const string RbacHint = "palisade needs get, list and watch on the kinds it reads: bind the ClusterRole palisade-reader of deploy/rbac.yaml, or add --allow-partial to read only what is allowed";

    [Theory]
    [InlineData("connectivity")]
    [InlineData("connectivity", "-o", "json")]
    [InlineData("connectivity", "--exposure")]
    [InlineData("connectivity", "--explain")]
    [InlineData("lint", "-o", "json")]
    [InlineData("scan", "-o", "json")]
    [InlineData("eval", "--src", "shop-web/admin-panel", "--dst", "shop-data/postgres", "--port", "5432", "--explain")]
    public void A_command_with_kubeconfig_answers_as_on_a_dump_of_the_same_server(params string[] command)
    {
        var dump = ShopAndDump();

        var fromDump = CliRun.Of([.. command, dump]);
        var live = CliRun.Of([.. command, "--kubeconfig", server.KubeconfigPath]);

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Equal(fromDump.ExitCode, live.ExitCode);
        Assert.Equal(WithoutLocations(fromDump.Output, dump), live.Output);
        Assert.Equal(WithoutLocations(fromDump.Error, dump), live.Error);
    }

    [Fact]
    public void Diff_of_the_cluster_against_its_dump_is_empty_and_against_a_change_is_the_dumps()
    {
        var dump = ShopAndDump();
        var changed = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "shop-changed");

        var same = CliRun.Of("diff", "--old", "live", "--new", dump, "--kubeconfig", server.KubeconfigPath, "--fail-on", "any");
        var live = CliRun.Of("diff", "--old", "live", "--new", changed, "--kubeconfig", server.KubeconfigPath);
        var fromDump = CliRun.Of("diff", dump, changed);

        Assert.True(same.ExitCode == 0, same.Error + same.Output);
        Assert.Empty(same.Output);
        Assert.NotEmpty(fromDump.Output);
        Assert.Equal(fromDump.Output, live.Output);
    }

    [Fact]
    public void A_wrong_token_exits_2_with_one_line()
    {
        server.Require();
        var kubeconfig = Path.Combine(server.StateDirectory, "kubeconfig-wrong-token");
        File.WriteAllText(kubeconfig, File.ReadAllText(server.KubeconfigPath).Replace(KubeApiServer.AdminToken, "not-the-token", StringComparison.Ordinal));

        var run = CliRun.Of("scan", "--kubeconfig", kubeconfig);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Matches(@"^error: context ""[^""]+"" \(https://127\.0\.0\.1:\d+\): the API server refused the credentials \(401 Unauthorized\): the token or client certificate is wrong or has expired\n$", run.Error);
    }

    [Fact]
    public async Task A_service_account_bound_only_to_the_palisade_reader_role_runs_every_command()
    {
        var dump = ShopAndDump();
        server.ApplyFiles(RepoPaths.InRepo("deploy", "rbac.yaml"));
        var reader = (await server.ServiceAccountAsync("palisade", "palisade")).KubeconfigPath;
        string[][] commands =
        [
            ["connectivity"], ["lint", "-o", "json"], ["scan", "-o", "json"],
            ["eval", "--src", "shop-web/storefront", "--dst", "shop-api/cart", "--port", "8080"],
            ["diff", "live", dump, "--fail-on", "any"],
        ];

        foreach (var command in commands)
        {
            var asAdmin = CliRun.Of([.. command, "--kubeconfig", server.KubeconfigPath]);
            var asReader = CliRun.Of([.. command, "--kubeconfig", reader]);

            Assert.True(asReader.ExitCode == 0, $"{string.Join(' ', command)}: {asReader.Error}");
            Assert.Equal(asAdmin, asReader);
        }
    }

    [Fact]
    public async Task A_service_account_bound_to_nothing_is_told_what_it_may_not_list_and_which_role_to_bind()
    {
        ShopAndDump();
        var ns = "unbound-" + Guid.NewGuid().ToString("N")[..8];
        server.Kubectl("create", "namespace", ns).Ok("kubectl create namespace");
        server.Kubectl("create", "serviceaccount", "nobody", "-n", ns).Ok("kubectl create serviceaccount");
        var nobody = (await server.ServiceAccountAsync(ns, "nobody")).KubeconfigPath;

        var run = CliRun.Of("lint", "--kubeconfig", nobody);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"error: context \"test\" ({server.Server.ToString().TrimEnd('/')}): namespaces is forbidden: User \"system:serviceaccount:{ns}:nobody\" " +
            $"cannot list resource \"namespaces\" in API group \"\" at the cluster scope; {RbacHint}\n", run.Error);
    }

    [Fact]
    public async Task With_allow_partial_a_service_account_bound_to_nothing_reads_nothing_and_says_so()
    {
        ShopAndDump();
        var ns = "unbound-" + Guid.NewGuid().ToString("N")[..8];
        server.Kubectl("create", "namespace", ns).Ok("kubectl create namespace");
        server.Kubectl("create", "serviceaccount", "nobody", "-n", ns).Ok("kubectl create serviceaccount");
        var nobody = (await server.ServiceAccountAsync(ns, "nobody")).KubeconfigPath;

        var run = CliRun.Of("connectivity", "--kubeconfig", nobody, "--allow-partial");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: not read (forbidden): namespaces: namespace labels are unknown: connectivity and the network checks are unreliable\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: not read (forbidden): serviceaccounts, roles.rbac.authorization.k8s.io, clusterroles.rbac.authorization.k8s.io, rolebindings.rbac.authorization.k8s.io, clusterrolebindings.rbac.authorization.k8s.io: the RBAC checks are off (PAL501–PAL506)\n", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Namespace_limits_the_read_as_kubectl_get_n_does()
    {
        ShopAndDump();
        var dump = ClusterDump.Write(server, Path.Combine(server.StateDirectory, "shop-api-dump.yaml"), ns: "shop-api");

        var fromDump = CliRun.Of("connectivity", dump);
        var live = CliRun.Of("connectivity", "--kubeconfig", server.KubeconfigPath, "--namespace", "shop-api");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Equal(fromDump.Output, live.Output);
        Assert.Contains("shop-api/checkout[Deployment] => shop-api/cart[Deployment] : TCP 50051\n", live.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("shop-web/", live.Output, StringComparison.Ordinal);
    }

    /// <summary>Applies the shop (again: applying is idempotent) and dumps the server as admin.</summary>
    private string ShopAndDump()
    {
        server.Require();
        server.ApplyFiles([.. ShopFor120.Files]);
        return ClusterDump.Write(server, Path.Combine(server.StateDirectory, $"dump-{Guid.NewGuid():N}.yaml"));
    }

    /// <summary>
    /// A report on the dump as it reads without the dump's locations: the <c>location</c> of findings in JSON, and
    /// the <c>FILE:LINE:COL</c> of objects and fields in text (" (FILE:L:C)" after a name, "FILE:L:C: " before a warning).
    /// </summary>
    private static string WithoutLocations(string report, string dump)
    {
        var file = $"(?:{Regex.Escape(dump)}|{Regex.Escape(Path.GetRelativePath(Environment.CurrentDirectory, dump))})(?::\\d+)*";
        var located = new Regex($@"(?: \({file}\)|(?<=\n|^)warning: {file}: |{file}: )");
        if (report.TrimStart().StartsWith('{'))
        {
            var root = JsonNode.Parse(report)!;
            JsonProperties.RemoveEverywhere(root, "location");
            report = root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        }
        return located.Replace(report, m => m.Value.StartsWith("warning: ", StringComparison.Ordinal) ? "warning: " : "");
    }
}
