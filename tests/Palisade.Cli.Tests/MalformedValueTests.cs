using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>A value the field cannot take is named in the manifest's terms, never with a .NET parser's message.</summary>
public sealed class MalformedValueTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("12345")]
    public void A_malformed_time_asks_for_rfc_3339(string value)
    {
        var path = _dir.File("pod.yaml");
        File.WriteAllText(path, $"apiVersion: v1\nkind: Pod\nmetadata: {{name: a, namespace: ns, creationTimestamp: {value}}}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:3:55: Pod ns/a: metadata.creationTimestamp: expected a time in RFC 3339 form, such as 2024-01-31T12:00:00Z\n", run.Error);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("5Xi")]
    [InlineData("1.2.3")]
    public void A_malformed_quantity_asks_for_a_quantity(string value)
    {
        var path = _dir.File("pod.yaml");
        File.WriteAllText(path, $"apiVersion: v1\nkind: Pod\nmetadata: {{name: a, namespace: ns}}\nspec: {{containers: [{{name: c, resources: {{limits: {{cpu: {value}}}}}}}]}}\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:4:57: Pod ns/a: spec.containers[0].resources.limits.cpu: \"{value}\" is not a quantity (such as 250m, 2 or 128Mi)\n", run.Error);
    }

    [Theory]
    [InlineData("kind: 5\napiVersion: v1\nmetadata: {name: a}\n", "1:7", "kind: 5 is a number")]
    [InlineData("kind: Pod\napiVersion: 1\nmetadata: {name: a, namespace: ns}\n", "2:13", "apiVersion: 1 is a number")]
    public void A_kind_or_api_version_that_is_not_a_string_is_refused(string text, string at, string problem)
    {
        var path = _dir.File("obj.yaml");
        File.WriteAllText(path, text);
        foreach (var run in new[] { CliRun.Of("connectivity", path), CliRun.Of("diff", path, path) })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith($"error: {path}:{at}: {problem}, and it takes a string (the API server refuses it)", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Deployment", "apps/v1", "replicas: -1", "spec.replicas")]
    [InlineData("Job", "batch/v1", "parallelism: -2", "spec.parallelism")]
    public void A_negative_replica_count_is_refused(string kind, string apiVersion, string count, string field)
    {
        var path = _dir.File("w.yaml");
        File.WriteAllText(path, $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: w, namespace: ns}}\nspec:\n  {count}\n  template: {{metadata: {{labels: {{app: w}}}}, spec: {{containers: [{{name: c}}]}}}}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:5:{count.IndexOf(' ') + 4}: {kind} ns/w: {field}: must be greater than or equal to 0\n", run.Error);
    }

    [Fact]
    public void A_host_port_out_of_range_is_refused()
    {
        var path = _dir.File("pod.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns}\nspec: {containers: [{name: c, ports: [{containerPort: 80, hostPort: 99999}]}]}\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:4:69: Pod ns/a: spec.containers[0].ports[0].hostPort: port 99999 is outside 1-65535\n", run.Error);
    }

    private const string Workload = "apiVersion: API\nkind: KIND\nmetadata: {name: w, namespace: ns}\nspec:\n  SELECTOR\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}\n";

    private string WriteWorkload(string apiVersion, string kind, string selector)
    {
        var path = _dir.File("w.yaml");
        File.WriteAllText(path, Workload.Replace("API", apiVersion, StringComparison.Ordinal).Replace("KIND", kind, StringComparison.Ordinal).Replace("SELECTOR", selector, StringComparison.Ordinal));
        return path;
    }

    [Theory]
    [InlineData("Deployment", "selector: {matchLabels: {app: wbe}}", "5:13", "spec.selector: selects no pod of its own template (labels app=web); the API server refuses it")]
    [InlineData("StatefulSet", "selector: {matchExpressions: [{key: app, operator: In, values: [api]}]}", "5:13", "spec.selector: selects no pod of its own template (labels app=web); the API server refuses it")]
    [InlineData("DaemonSet", "selector: {}", "5:13", "spec.selector: must not be empty; the API server refuses it")]
    [InlineData("Deployment", "selector: {matchLabels: {}}", "5:13", "spec.selector: must not be empty; the API server refuses it")]
    public void A_workload_whose_selector_does_not_select_its_template_is_read_from_its_template_with_a_warning(string kind, string selector, string at, string problem)
    {
        var path = WriteWorkload("apps/v1", kind, selector);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {path}:{at}: {kind} ns/w: {problem}\n", run.Error);
        Assert.Contains($"ns/w[{kind}]", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extensions/v1beta1", "replicas: 1")]
    [InlineData("apps/v1", "replicas: 1")]
    [InlineData("apps/v1", "selector: {matchLabels: {app: web}}")]
    [InlineData("apps/v1", "selector: {matchExpressions: [{key: app, operator: Exists}]}")]
    public void A_selector_that_selects_its_template_or_is_defaulted_from_it_is_read(string apiVersion, string selector)
    {
        var run = CliRun.Of("connectivity", WriteWorkload(apiVersion, "Deployment", selector));
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
    }

    /// <summary>
    /// A label the API server would refuse (value over 63 characters, a key with a space) is a warning at the object's
    /// labels, and the label is read as written: one label should not stop a whole analysis.
    /// </summary>
    [Fact]
    public void A_label_the_api_server_refuses_is_read_as_written_with_a_warning()
    {
        var path = _dir.File("labels.yaml");
        var longValue = new string('a', 64);
        File.WriteAllText(path, $$$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: a
              namespace: ns
              labels: {app: {{{longValue}}}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: w, namespace: ns}
            spec:
              selector: {matchLabels: {app: w}}
              template:
                metadata:
                  labels: {app: w, "bad key": x}
                spec: {containers: [{name: c, image: x}]}
            """);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        var warnings = run.Error.Trim().Split('\n');
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith($"warning: {path}:6:", warnings[0], StringComparison.Ordinal);
        Assert.Contains($"Pod ns/a: metadata.labels: invalid label value \"{longValue}\"", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"warning: {path}:16:", warnings[1], StringComparison.Ordinal);
        Assert.Contains("Deployment ns/w: spec.template.metadata.labels: invalid label key \"bad key\"", warnings[1], StringComparison.Ordinal);
        Assert.Contains("ns/a[Pod] => ns/w[Deployment] : All Connections", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_port_name_declared_twice_is_refused()
    {
        var path = _dir.File("pod.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, name: http}\n    - {containerPort: 8080, name: http}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:9:35: Pod ns/a: spec.containers[0].ports[1].name: duplicate port name \"http\" (also spec.containers[0].ports[0]); a named port must name one port\n", run.Error);
    }

    [Fact]
    public void One_port_name_in_two_containers_is_read()
    {
        var path = _dir.File("pod.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns}\nspec:\n  containers:\n  - {name: c, ports: [{containerPort: 80, name: http}]}\n  - {name: d, ports: [{containerPort: 8080, name: http}]}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Lenient_lint_skips_a_file_whose_object_the_api_server_would_refuse()
    {
        File.WriteAllText(_dir.File("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: fine, namespace: a}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec: {podSelector: {}, ingress: [{ports: [{port: -5}]}]}\n");
        File.WriteAllText(_dir.File("good.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: kept, namespace: b}\n");
        var run = CliRun.Of("lint", _dir.Path, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("PAL001", run.Output, StringComparison.Ordinal);
        Assert.Contains("port -5 is outside 1-65535", run.Output, StringComparison.Ordinal);
        Assert.Contains("b/kept", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a/fine", run.Output, StringComparison.Ordinal);
        var strict = CliRun.Of("lint", _dir.Path, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Equal($"error: {_dir.File("bad.yaml")}:8:51: NetworkPolicy ns/p: spec.ingress[0].ports[0].port: port -5 is outside 1-65535\n", strict.Error);
    }
}
