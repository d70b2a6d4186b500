using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>The corpus' broken inputs: one clear line on standard error, exit code 2, never a stack trace.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string> Rejected => new()
    {
        { "bad_netpols", "is not a valid CIDR" },
        { "bad_netpols/subdir1", "spec.ingress[2].from[0].ipBlock.cidr: \"A\" is not a valid CIDR" },
        { "bad_netpols/subdir2", "spec.podSelector.matchLabels.app@b: invalid label key \"app@b\"" },
        { "bad_netpols/subdir3", "spec.ingress[0].from[0]: a peer may not combine ipBlock with podSelector or namespaceSelector" },
        { "bad_netpols/subdir4", "spec.ingress[0].from[0]: must specify a peer" },
        { "bad_netpols/subdir7", "invalid label value \"$backendservice\"" },
        { "bad_yamls/subdir", "no Kubernetes objects found" },
        { "bad_yamls/subdir2", "directory holds no .yaml, .yml or .json file" },
        { "document_with_syntax_error", "document_with_syntax_error.yaml:225:30: malformed YAML/JSON" },
        { "np_bad_path_test_1", "NetworkPolicy default/backend-netpol: metadata.name: declared twice" },
        { "np_bad_path_test_2", "spec.ingress[1].ports[0].endPort: endPort may not be used with a named port" },
        { "np_test_with_empty_port_range", "spec.egress[0].ports[1].endPort: endPort 1 is below port 10" },
        { "malformed_pod_example", "pod.yaml:10:22: Pod nginx: spec.containers[0].ports[0].containerPort: expected an integer" },
        { "malformed-pod-example-2", "pod_list.json:31:22: Pod default/cog-agents-d54st: spec.containers[0].ports: expected a list" },
        { "malformed-pod-example-3", "pods_list.json:1:1: kind: missing" },
        { "malformed-pod-example-4", "pods.json:1:1: kind: missing" },
        { "malformed-pod-example-5", "pod.yaml:12:1: malformed YAML/JSON" },
        { "bad_path_namespace_with_same_name", "Namespace blue: metadata.name: declared twice" },
        { "anp_bad_path_test_1", "priority 50 is also the priority of AdminNetworkPolicy priority-50-example" },
        { "anp_bad_path_test_2", "spec.priority: priority 1001 is outside 0-1000" },
        { "anp_bad_path_test_12", "spec.egress[0].action: required (Allow, Deny, Pass)" },
        { "anp_test_with_empty_port_range", "spec.ingress[0].ports[0].portRange: port range 10-1 is empty or outside 1-65535" },
        { "banp_bad_path_test_2", "a BaselineAdminNetworkPolicy must be named \"default\"" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Broken_input_exits_2_with_one_clear_line(string dir, string message)
    {
        var run = CliRun.Of("connectivity", RepoPaths.Corpus("np-guard", "tests", dir));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(message, line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(run.Output);
    }

    public static TheoryData<string> ClusterScopedBadPaths()
    {
        var data = new TheoryData<string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)");
            return data;
        }
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(RepoPaths.CorpusRoot, "np-guard", "tests"))
                     .Select(Path.GetFileName)
                     .Where(d => d!.StartsWith("anp_bad_path_test_", StringComparison.Ordinal) || d.StartsWith("banp_bad_path_test_", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            data.Add(dir!);
        return data;
    }

    /// <summary>Every ANP/BANP bad-path directory of the corpus exits 2 with one line naming the file and the field.</summary>
    [Theory]
    [MemberData(nameof(ClusterScopedBadPaths))]
    public void Broken_cluster_scoped_policies_exit_2(string dir)
    {
        var run = CliRun.Of("connectivity", RepoPaths.Corpus("np-guard", "tests", dir));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Matches(@"^error: .*/" + dir + @"/[^:]+\.yaml:\d+:\d+: (AdminNetworkPolicy|BaselineAdminNetworkPolicy) [^:]+: (spec|metadata)[^:]*: ", line);
        Assert.Empty(run.Output);
    }

    /// <summary>
    /// Inputs np-guard rejects or warns about that the API server accepts; Palisade analyses them
    /// (docs/semantics.md, "Differences from np-guard").
    /// </summary>
    [Theory]
    [InlineData("bad_netpols/subdir5")]
    [InlineData("bad_netpols/subdir6")]
    [InlineData("bad_yamls")]
    public void Inputs_the_api_server_accepts_are_analysed(string dir)
    {
        var run = CliRun.Of("connectivity", RepoPaths.Corpus("np-guard", "tests", dir));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("error", run.Error);
        Assert.Contains(" => ", run.Output);
    }
}
