using System.Diagnostics;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Cases of the bad-input sweep of 2026-12-02 (docs/semantics.md): each once failed the one-line, exit 2 rule.</summary>
public sealed class BadInputSweepTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("NetworkPolicy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: {a: 1}\n",
        "8:13: NetworkPolicy ns/p: spec.ingress[0].ports[0].port: expected a single value, not a mapping")]
    [InlineData("Service", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ns}\nspec:\n  ports:\n  - port: 80\n    targetPort: [1]\n",
        "7:17: Service ns/s: spec.ports[0].targetPort: expected a single value, not a list")]
    public void A_port_written_as_a_mapping_or_list_says_what_the_field_takes(string kind, string text, string problem)
    {
        var path = _dir.File(kind + ".yaml");
        File.WriteAllText(path, text);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:{problem}\n", run.Error);
    }

    [Theory]
    [InlineData("{a: 1}")]
    [InlineData("[1]")]
    public void An_integer_written_as_a_mapping_or_list_is_refused_as_such(string value)
    {
        // A mapping was read as the integer 0 ("endPort 0 is below port 80"), a list as "a value of the wrong type".
        var path = _dir.File("p.yaml");
        File.WriteAllText(path, $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: ns}}\nspec:\n  podSelector: {{}}\n  ingress:\n  - ports:\n    - {{port: 80, endPort: {value}}}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:8:27: NetworkPolicy ns/p: spec.ingress[0].ports[0].endPort: expected an integer\n", run.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void An_empty_focus_is_bad_usage_not_the_whole_graph(string value)
    {
        // An unset shell variable (--focus "$W") names nothing, which the docs make bad input, not "focus on everything".
        var run = CliRun.Of("connectivity", RepoPaths.InRepo("examples", "shop"), "--focus", value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --focus: names no workload: give name, ns/name or ingress-controller\n", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_number_option_too_large_says_so_not_that_it_is_no_whole_number()
    {
        var run = CliRun.Of("flows", "check", "-", "--cluster", RepoPaths.InRepo("examples", "shop"), "--scan-window", "99999999999999");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --scan-window: '99999999999999' is too large (at most 2147483647). Run 'palisade flows check --help' for usage.\n", run.Error);
    }

    [Fact]
    public async Task A_named_pipe_in_a_directory_does_not_hang_the_walk()
    {
        File.WriteAllText(_dir.File("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n");
        using (var mkfifo = Process.Start("mkfifo", _dir.File("pipe.yaml")))
            mkfifo.WaitForExit();
        var cancel = TestContext.Current.CancellationToken;
        var run = Task.Run(() => CliRun.Of("connectivity", _dir.Path), cancel);
        // Opening a named pipe waits for a writer: a walk that opens it never ends.
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), cancel)));
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }
}
