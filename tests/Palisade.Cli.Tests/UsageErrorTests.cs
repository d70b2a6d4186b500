using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Bad usage and bad manifests as a new user meets them: one line on standard error, exit 2.</summary>
public sealed class UsageErrorTests
{
    private static readonly string Shop = RepoPaths.InRepo("examples", "shop");

    [Fact]
    public void A_short_option_the_command_lacks_is_an_unknown_option_not_a_missing_file()
    {
        var run = CliRun.Of("eval", Shop, "--src", "shop-web/storefront", "--dst", "shop-api/cart", "--port", "8080", "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown option '-o'. Run 'palisade eval --help' for usage.\n", run.Error);
    }

    [Fact]
    public void A_negative_number_given_to_an_option_is_its_value_not_an_option()
    {
        var run = CliRun.Of("eval", Shop, "--src", "shop-web/storefront", "--dst", "shop-api/cart", "--port", "-5");
        Assert.Equal("error: --port: port -5 is outside 1-65535\n", run.Error);
    }

    [Fact]
    public void Explain_refuses_an_output_format_it_does_not_write()
    {
        var run = CliRun.Of("connectivity", Shop, "--explain", "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --output: --explain writes txt only\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_value_not_among_the_choices_is_one_sentence_before_the_usage_hint()
    {
        var run = CliRun.Of("connectivity", Shop, "-o", "yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: Argument 'yaml' not recognized. Must be one of: 'txt' 'json' 'csv' 'md' 'dot' 'html'. Run 'palisade connectivity --help' for usage.\n", run.Error);
    }

    [Fact]
    public void A_number_option_given_text_names_the_option_not_a_dotnet_type()
    {
        var run = CliRun.Of("flows", "check", "-", "--cluster", Shop, "--scan-threshold", "abc");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --scan-threshold: 'abc' is not a whole number. Run 'palisade flows check --help' for usage.\n", run.Error);
    }

    [Fact]
    public void A_key_twice_in_a_manifest_exits_2_naming_both_lines()
    {
        var run = CliRun.WithInput("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: x\n  name: b\n", "connectivity", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: <stdin>:6:3: Pod x/b: metadata.name: declared twice in one mapping (first at line 4); the API server rejects duplicate fields\n", run.Error);
    }

    [Fact]
    public void A_tab_in_indentation_exits_2_on_its_line()
    {
        var run = CliRun.WithInput("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n", "lint", "-", "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: <stdin>:4:1: malformed YAML/JSON: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_names_each_unknown_field_at_its_value_and_nothing_without_it()
    {
        const string typo = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}}
            spec:
              podSelector: {}
              ingres:
              - from: [{podSelector: {}, namespaceSelectr: {}}]
              policyTypes: [Ingress]
            """;
        var verbose = CliRun.WithInput(typo, "connectivity", "-", "-v");
        Assert.Equal(0, verbose.ExitCode);
        Assert.Equal(["info: <stdin>:7:3: NetworkPolicy shop/web: spec.ingres: unknown field, ignored"],
            verbose.Error.Split('\n').Where(l => l.Contains("unknown field", StringComparison.Ordinal)));
        Assert.DoesNotContain("unknown field", CliRun.WithInput(typo, "connectivity", "-").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_finds_unknown_fields_deep_in_lists_but_not_in_label_maps()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: x, labels: {app.kubernetes.io/name: a}, annotations: {x.y/z: "1"}}
            spec:
              containers:
              - name: c
                ports: [{containerPort: 80, nmae: http}]
            status: {podIP: 10.0.0.1}
            """;
        var run = CliRun.WithInput(pod, "connectivity", "-", "-v");
        Assert.Equal(["info: <stdin>:7:39: Pod x/a: spec.containers[0].ports[0].nmae: unknown field, ignored"],
            run.Error.Split('\n').Where(l => l.Contains("unknown field", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("diff", "-", "-")]
    [InlineData("audit", "-", "--cluster", "-")]
    [InlineData("connectivity", "-", "-")]
    public void Standard_input_named_twice_is_bad_usage_not_an_empty_second_input(params string[] args)
    {
        var run = CliRun.WithInput("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n", args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: -: standard input can be read once; give '-' for one input only (the others read nothing).\n", run.Error);
    }

    [Fact]
    public void A_baseline_written_to_standard_output_is_not_a_second_read_of_standard_input()
    {
        var flows = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.244.0.10,40000,203.0.113.9,443,TCP,100,FORWARDED\n";
        var run = CliRun.WithInput(flows, "flows", "baseline", "-", "--cluster", Shop, "-o", "-");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_for_a_namespace_the_cluster_lacks_is_bad_input_not_nothing_to_add()
    {
        var run = CliRun.Of("generate", "--flows", RepoPaths.InRepo("examples", "shop", "traffic", "hubble.jsonl"),
            "--cluster", Shop, "--cluster", RepoPaths.InRepo("examples", "shop", "traffic", "cluster-state.dump"), "--namespace", "shop-apy");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --namespace: no namespace shop-apy in the cluster (it has kube-system, monitoring, shop-api, shop-data, shop-web)\n", run.Error);
    }

    [Fact]
    public void An_unknown_command_lists_the_commands_in_one_sentence()
    {
        var run = CliRun.Of("conectivity", Shop);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown command 'conectivity' (commands: checks, audit-policy, audit, connectivity, diff, eval, flows, generate, lint, scan, serve, timeline). Run 'palisade --help' for usage.\n", run.Error);
    }
}
