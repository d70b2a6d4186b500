using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// Labels, annotations, selectors and every other string field take strings. kubectl turns YAML into JSON the YAML 1.1
/// way, so an unquoted <c>5</c>, <c>1.0</c>, <c>true</c> or <c>yes</c> arrives as a number or a boolean and the API
/// server refuses the object. Palisade warns at its line and reads the text: a hand-written or generated cluster with
/// <c>version: 2</c> in its labels still says what runs, and refusing the whole input would lose every other answer.
/// </summary>
public sealed class UnquotedScalarTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_number_label_value_is_read_as_its_text_with_a_warning_at_its_line()
    {
        var path = Write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: ns\n  labels:\n    app: 5\nspec:\n  containers: [{name: c, image: x}]\n"
            + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  podSelector: {matchLabels: {app: \"5\"}}\n  policyTypes: [Ingress]\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {path}:7:10: Pod ns/a: metadata.labels.app: 5 is a number, and this field takes a string (the API server refuses it): write \"5\" in quotes; read as that text\n", run.Error);
        Assert.DoesNotContain("=> ns/a[Pod]", run.Output, StringComparison.Ordinal);
        Assert.Contains("ns/a[Pod] => 0.0.0.0-255.255.255.255[External]", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("true")]
    [InlineData("Off")]
    public void A_boolean_match_label_is_warned_about(string value)
    {
        var path = Write("np.yaml", $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: ns}}\nspec:\n  podSelector:\n    matchLabels: {{app: {value}}}\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {path}:6:24: NetworkPolicy ns/p: spec.podSelector.matchLabels.app: {value} is a boolean, and this field takes a string (the API server refuses it): write \"{value}\" in quotes; read as that text\n", run.Error);
    }

    [Fact]
    public void A_json_number_label_is_warned_about()
    {
        var path = Write("pod.json", """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "ns", "labels": {"version": 1.0}},
             "spec": {"containers": [{"name": "c", "image": "x"}]}}
            """);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"warning: {path}:1:104: Pod ns/a: metadata.labels.version: 1.0 is a number", run.Error, StringComparison.Ordinal);
        Assert.Contains("ns/a[Pod]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_in_a_selector_value_list_is_warned_about()
    {
        var path = Write("np.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  podSelector:\n    matchExpressions: [{key: v, operator: In, values: [1, '2']}]\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("spec.podSelector.matchExpressions[0].values[0]: 1 is a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_check_reads_a_cluster_with_a_number_label()
    {
        var cluster = Write("cluster.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns, labels: {app: web, version: 2}}\nspec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.0.5}\n");
        var flows = Write("flows.csv", "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-01-01T00:00:00Z,10.0.0.5,40000,169.254.169.254,80,TCP,10,FORWARDED\n");
        var run = CliRun.Of("flows", "check", flows, "--cluster", cluster, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"src\": \"ns/a[Pod]\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("metadata.labels.version: 2 is a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_that_only_look_like_other_types_are_read()
    {
        var path = Write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: ns\n  labels: {app: web, v: '5', b: \"true\", d: 2024-01-01, ip: 10.0.0.1, x: 1.2.3, t: truely, e: \"\"}\nspec:\n  containers: [{name: c, image: x}]\n");
        var run = CliRun.Of("connectivity", path, "-o", "json");
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("1e5", "a number")]
    [InlineData("80.5", "a number")]
    [InlineData("true", "a boolean")]
    public void A_port_that_kubectl_reads_as_a_fraction_or_boolean_is_refused(string value, string type)
    {
        var path = Write("svc.yaml", $"apiVersion: v1\nkind: Service\nmetadata: {{name: s, namespace: ns}}\nspec:\n  selector: {{app: a}}\n  ports: [{{port: 80, targetPort: {value}}}]\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:6:34: Service ns/s: spec.ports[0].targetPort: {value} is {type}, not a whole number: a port is a number (80) or a name in quotes (\"http\")\n", run.Error);
    }
}
