using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Detection.Tests.Scoring;
using Palisade.Kubernetes;

namespace Palisade.Detection.Tests.Tests;

/// <summary>The generator: deterministic, loadable manifests, labels consistent across formats, no ambiguous constructs.</summary>
public sealed class GeneratorTests
{
    public static TheoryData<string> Scenarios() => [.. ScenarioCatalog.Names];

    [Fact]
    public void The_same_seed_writes_the_same_bytes()
    {
        var root = Path.Combine(Path.GetTempPath(), "palisade-scenarios-" + Guid.NewGuid().ToString("N"));
        try
        {
            ScenarioWriter.Write(ScenarioCatalog.Build("mixed"), Path.Combine(root, "one"));
            ScenarioWriter.Write(ScenarioCatalog.Build("mixed"), Path.Combine(root, "two"));
            var one = Directory.GetFiles(Path.Combine(root, "one"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "one"), f)).Order().ToList();
            var two = Directory.GetFiles(Path.Combine(root, "two"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "two"), f)).Order().ToList();
            Assert.Equal(one, two);
            foreach (var file in one)
                Assert.True(File.ReadAllBytes(Path.Combine(root, "one", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(root, "two", file))), file);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenarios_stay_clear_of_the_contracts_ambiguities(string scenario) =>
        Assert.Empty(AmbiguityGuards.Check(ScenarioCatalog.Get(scenario)));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Formats_with_a_verdict_carry_the_same_L3_L4_labels(string scenario)
    {
        var file = DetectionSession.Shared.File(scenario);
        var sets = file.Runs.Where(r => FlowFormat.ById(r.Format).HasVerdict).ToDictionary(r => r.Format,
            r => r.Alerts.Where(a => !Detectors.L7.Contains(a.Detector)).Select(a => $"{a.Detector} {a.Src} {a.Dst} {a.Protocol} {string.Join(",", a.Ports)}").ToHashSet());
        foreach (var (format, set) in sets)
            Assert.True(set.SetEquals(sets.First().Value), $"{format} and {sets.First().Key} differ");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_cluster_loads_with_every_pod_attributed_to_its_top_owner(string scenario)
    {
        var cluster = ScenarioCatalog.Get(scenario).Cluster;
        var loaded = ManifestSource.Load([Path.Combine(DetectionSession.Shared.Directory(scenario), "cluster")]);
        var pods = loaded.Cluster.Network.Pods.Where(p => !p.FromTemplate).ToList();
        Assert.Equal(cluster.Pods.Count(), pods.Count);
        foreach (var pod in cluster.Pods)
        {
            var mapped = Assert.Single(pods, p => p.Namespace == pod.Namespace && p.Name == pod.Name);
            Assert.Equal(pod.Workload.AlertName, mapped.Owner.ToString());
            Assert.Equal(pod.Ip, Assert.Single(mapped.Addresses).ToString());
        }
        Assert.Equal(cluster.Policies.Count, loaded.Cluster.Network.NetworkPolicies.Count);
        Assert.Equal(cluster.Services.Count, loaded.Cluster.Network.Services.Count);
    }

    [Fact]
    public void Every_run_has_labels_and_every_label_is_distinct()
    {
        foreach (var (name, file) in DetectionSession.Shared.Files)
        {
            foreach (var run in file.Runs)
            {
                Assert.NotEmpty(run.Alerts);
                Assert.Equal(run.Alerts.Count, run.Alerts.Select(a => a.Key).Distinct().Count());
                Assert.All(run.Alerts, a => Assert.True(Detectors.All.Contains(a.Detector), $"{name}/{run.Format}: {a.Detector}"));
            }
        }
    }

    [Fact]
    public void Registered_domains_follow_the_public_suffix_list_for_the_generated_names()
    {
        Assert.Equal("backup-store.co.uk", RegisteredDomain.Of("x1.files.backup-store.co.uk."));
        Assert.Equal("co.uk", RegisteredDomain.LastTwoLabels("x1.files.backup-store.co.uk."));
        Assert.Equal("exfil-cdn.com", RegisteredDomain.Of("AbC.t.exfil-cdn.com."));
        Assert.Equal("cluster.local", RegisteredDomain.Of("frontend.shop.svc.cluster.local."));
        Assert.Throws<ArgumentException>(() => RegisteredDomain.Of("example.io."));
    }

    [Fact]
    public void Public_addresses_are_those_the_contract_lists_as_not_private()
    {
        foreach (var a in new[] { "203.0.113.50", "198.51.100.7", "172.32.10.5", "100.128.1.1", "8.8.8.8", "192.0.2.1" })
            Assert.True(AddressClass.IsPublic(a), a);
        foreach (var a in new[] { "10.200.1.5", "172.20.1.9", "172.31.255.255", "192.168.10.20", "100.64.3.3", "100.127.0.1", "127.0.0.1", "169.254.169.254", "224.0.0.251", "239.1.1.1" })
            Assert.False(AddressClass.IsPublic(a), a);
    }
}
