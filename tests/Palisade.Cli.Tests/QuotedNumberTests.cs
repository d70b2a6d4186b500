using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// A quoted number is a string to the API server: where a field takes an integer it refuses it outright, and where it
/// takes an integer or a name (IntOrString) it reads a name, which must hold a letter. Palisade refuses both likewise,
/// with the file, line, object and field, rather than analysing a manifest kubectl apply would not accept.
/// </summary>
public sealed class QuotedNumberTests : IDisposable
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
    public void A_quoted_policy_port_is_refused_as_the_port_name_it_would_be()
    {
        var path = Write("np.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: "80"}]}]
            """);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:6:29: NetworkPolicy a/p: spec.ingress[0].ports[0].port: \"80\" is quoted, so a name, and a name needs a letter (the API server refuses it): write 80 without quotes for the number\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_quoted_target_port_is_refused()
    {
        var path = Write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: '8080'\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:8:17: Service a/s: spec.ports[0].targetPort: \"8080\" is quoted, so a name, and a name needs a letter (the API server refuses it): write 8080 without quotes for the number\n", run.Error);
    }

    [Fact]
    public void A_quoted_number_where_only_a_number_goes_is_refused()
    {
        var path = Write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\nspec:\n  selector: {app: web}\n  ports: [{port: \"80\"}]\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:6:18: Service a/s: spec.ports[0].port: \"80\" is quoted, so a string, and this field takes a number (the API server refuses it): write 80 without quotes\n", run.Error);
    }

    [Theory]
    [InlineData("\"http\"")]
    [InlineData("''")]
    public void A_quoted_name_where_only_a_number_goes_is_not_told_to_drop_its_quotes(string port)
    {
        var path = Write("svc.yaml", $"apiVersion: v1\nkind: Service\nmetadata: {{name: s, namespace: a}}\nspec:\n  selector: {{app: web}}\n  ports: [{{port: {port}}}]\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:6:18: Service a/s: spec.ports[0].port: expected an integer\n", run.Error);
    }

    [Fact]
    public void A_json_string_port_is_refused_as_well()
    {
        var path = Write("np.json", """
            {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "p", "namespace": "a"},
             "spec": {"podSelector": {}, "ingress": [{"ports": [{"port": "443", "protocol": "TCP"}]}]}}
            """);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {path}:2:62: NetworkPolicy a/p: spec.ingress[0].ports[0].port: \"443\" is quoted", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_names_and_plain_numbers_are_read()
    {
        var path = Write("np.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: "http"}, {port: 80}, {port: '8080-alt'}]}]
            """);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }
}
