using System.Text.Json;
using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Net;
using Palisade.Posture;
using Palisade.Posture.Fixes;
using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// Every fix <c>lint</c> offers, applied all together to the bundled example and the corpus demo applications:
/// no finding appears that was not there, none gets more severe, and every workload still reaches DNS.
/// </summary>
public sealed class FixesProvenTests
{
    public static TheoryData<string, int> Inputs => new()
    {
        { "examples/shop", 13 },
        { "corpus/manifests/guestbook", 8 },
        { "corpus/manifests/online-boutique/kubernetes-manifests.yaml", 26 },
        { "corpus/manifests/online-boutique", 1 },
    };

    private static string Resolve(string input) =>
        input.StartsWith("corpus/", StringComparison.Ordinal) ? RepoPaths.Corpus(input["corpus/".Length..].Split('/')) : RepoPaths.InRepo(input.Split('/'));

    private static Dictionary<(string, string), string> Findings(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .GroupBy(f => (f.GetProperty("id").GetString()!, f.GetProperty("resource").ToString()))
            .ToDictionary(g => g.Key, g => g.Max(f => SeverityNames.TryParse(f.GetProperty("severity").GetString(), out var s) ? (int)s : -1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Applying_every_fix_file_adds_no_finding_and_keeps_dns(string input, int files)
    {
        var path = Resolve(input);
        using var fixes = new TempDirectory();
        var before = Findings(CliRun.Of("lint", path, "-o", "json", "--fix-dir", fixes.Path));
        Assert.Equal(files, Directory.EnumerateFiles(fixes.Path, "*", SearchOption.AllDirectories).Count());
        // Patches and commands (other/*.txt) are not manifests: only the policy files are read back.
        string[] inputs = Directory.EnumerateFiles(fixes.Path, "*.yaml", SearchOption.AllDirectories).Any() ? [path, fixes.Path] : [path];
        var after = Findings(CliRun.Of(["lint", .. inputs, "-o", "json"]));
        foreach (var (key, severity) in after)
        {
            Assert.True(before.TryGetValue(key, out var was), $"applying the fixes added {key}");
            Assert.True(string.CompareOrdinal(severity, was) <= 0, $"applying the fixes raised {key}");
        }
        AssertDnsReachable(ManifestSource.Load(inputs, lenient: true).Cluster);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Applying_every_fix_in_memory_adds_no_finding(string input, int files)
    {
        Assert.True(files > 0);
        var cluster = ManifestSource.Load([Resolve(input)], lenient: true).Cluster;
        var report = LintUseCase.Run(cluster, new LintOptions());
        var all = new ChangeSequence(report.Findings.Findings.Select(f => f.FixChange).OfType<ClusterEdit>().Distinct().ToArray());
        var before = FixVerifier.Index(report.Findings.Findings);
        var exposure = new PostureContext(cluster);
        var exposed = exposure.Workloads().ToDictionary(w => w.Pod.Owner, w => exposure.Exposure(w.Pod).All);
        Assert.Null(FixVerifier.Problem(exposure, all, before, exposed, new LintOptions()));
        AssertDnsReachable(all.Apply(cluster));
    }

    /// <summary>Every workload reaches UDP 53 on a DNS pod or, when the input has none, on some external address.</summary>
    private static void AssertDnsReachable(Cluster cluster)
    {
        var engine = new PolicyEngine(cluster.Network);
        var servers = engine.Pods.Where(DnsServers.IsDns).ToArray();
        foreach (var pod in engine.Pods.Where(p => engine.IsSubjectToPolicies(p.Pod)).DistinctBy(p => p.Pod.Owner))
        {
            var destinations = servers.Length > 0 ? servers.Cast<Endpoint>() : engine.ExternalDestinations;
            Assert.True(destinations.Any(d => engine.Allowed(pod, d).Contains(Protocol.Udp, 53)), $"{pod.Pod.Owner} cannot reach DNS");
        }
    }
}
