using System.Text.Json;
using Palisade.Kubernetes;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// How lint and scan read a repository as peers do: an unreadable file or a template is a finding (PAL001) and the
/// rest is read (<c>--strict</c> stops instead); --exclude and .palisadeignore; files read once however many paths
/// cover them; -n for namespace-less manifests; charts and kustomize trees rendered or refused with the command.
/// </summary>
public sealed class InputHandlingTests : IDisposable
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: web, image: nginx}]}\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string relative, string text)
    {
        var path = _dir.File(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement[] Findings(CliRun run, string id)
    {
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == id).Select(f => f.Clone()).ToArray();
    }

    [Fact]
    public void A_malformed_file_is_a_finding_and_the_rest_is_read()
    {
        Write("good.yaml", Pod);
        var bad = Write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {a: b}\n");
        var run = CliRun.Of("lint", _dir.Path, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        var finding = Assert.Single(Findings(run, "PAL001"));
        Assert.Equal($"{bad}:4:9: Pod (unnamed): metadata.name: expected a string; its objects are not analysed", finding.GetProperty("message").GetString());
        Assert.Contains($"warning: {bad}:4:9: Pod (unnamed): metadata.name: expected a string; not read (PAL001)", run.Error, StringComparison.Ordinal);
        Assert.Single(Findings(run, "PAL101"));
    }

    [Fact]
    public void Strict_stops_at_the_first_unreadable_file()
    {
        Write("good.yaml", Pod);
        var bad = Write("bad.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: {x: 1}\n");
        var run = CliRun.Of("scan", _dir.Path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {bad}:5:9: Service s: spec.type: expected a string\n", run.Error);
    }

    [Fact]
    public void A_template_is_reported_at_its_first_action()
    {
        Write("good.yaml", Pod);
        var template = Write("chart/templates/pod.yaml", "# {{ comment }} is fine\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n");
        var finding = Assert.Single(Findings(CliRun.Of("lint", _dir.Path, "-o", "json"), "PAL001"));
        Assert.StartsWith($"{template}:5: a template", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_quoting_template_braces_in_values_is_read()
    {
        Write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web, annotations: {note: \"{{ not a template }}\"}}\nspec: {containers: [{name: web, image: nginx}]}\n");
        var run = CliRun.Of("lint", _dir.Path, "-o", "json");
        Assert.Empty(Findings(run, "PAL001"));
        Assert.Single(Findings(run, "PAL101"));
    }

    [Fact]
    public void Exclude_globs_and_palisadeignore_skip_files_and_directories()
    {
        Write("good.yaml", Pod);
        Write("bad.yaml", "not: [valid\n");
        Write("tests/broken.yaml", "kind: [\n");
        Write("deep/x/skip.tmpl.yaml", "{{ x }}\n");
        Write(".palisadeignore", "# test data\ntests/\n**/*.tmpl.yaml\n");
        var run = CliRun.Of("lint", _dir.Path, "--exclude", "bad.yaml", "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Findings(run, "PAL001"));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Overlapping_paths_read_each_file_once()
    {
        Write("sub/pod.yaml", Pod);
        var run = CliRun.Of("lint", _dir.Path, _dir.File("sub"), _dir.File("sub", "pod.yaml"), "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Findings(run, "PAL209"));
    }

    [Fact]
    public void Namespace_option_places_namespace_less_manifests()
    {
        var path = Write("pod.yaml", Pod);
        Assert.Equal("argocd/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n",
            CliRun.Of("connectivity", path, "-n", "argocd").Output.Split('\n')[1] + "\n");
    }

    [Fact]
    public void Wrong_types_are_named_in_the_manifest_s_terms()
    {
        var path = Write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {a: b}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Equal($"error: {path}:5:15: Pod p: spec.containers: expected a list\n", run.Error);
    }

    [Fact]
    public void A_helm_chart_without_helm_is_refused_with_the_command_to_pipe()
    {
        Write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        var options = new InputOptions { ToolPath = _dir.File("no-tools") };
        var e = Assert.Throws<InvalidInputException>(() => ManifestSource.Load([_dir.File("chart")], options: options));
        Assert.Equal($"{_dir.File("chart")}: a Helm chart, and helm is not installed: render it and pipe the manifests in (helm template chart {_dir.File("chart")} | palisade lint -)", e.Message);
    }

    [Fact]
    public void A_kustomize_tree_is_rendered_with_kubectl()
    {
        if (!File.Exists("/usr/bin/kubectl") && !File.Exists("/usr/local/bin/kubectl"))
            TestEnvironment.Unavailable("kubectl is not installed");
        Write("app/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec: {containers: [{name: web, image: nginx}]}\n");
        Write("app/kustomization.yaml", "resources: [pod.yaml]\nnamePrefix: prod-\n");
        var run = CliRun.Of("connectivity", _dir.File("app"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("shop/prod-web[Pod]", run.Output, StringComparison.Ordinal);
    }
}
