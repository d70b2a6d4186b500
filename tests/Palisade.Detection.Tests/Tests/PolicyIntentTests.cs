using System.Net;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Traffic;
using Palisade.Detection.Tests.Scoring;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Net;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// Every connection's declared policy decision (allowed by <c>--cluster</c>; allowed by the state in force
/// once the audit log's writes are applied) agrees with the naive reference evaluator of Palisade.Testing
/// on the manifests actually written. The labels rest on these declarations.
/// </summary>
public sealed class PolicyIntentTests
{
    public static TheoryData<string> Scenarios() => [.. ScenarioCatalog.Names];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Declared_decisions_agree_with_the_reference_evaluator(string scenario)
    {
        var s = ScenarioCatalog.Get(scenario);
        var clusterDir = Path.Combine(DetectionSession.Shared.Directory(scenario), "cluster");
        var before = ManifestSource.Load([clusterDir], lenient: true).Cluster.Network;
        var disagreements = new List<string>();
        foreach (var c in s.Traffic.Concat(s.BaselineTraffic ?? []))
        {
            if (Allows(before, c) != c.AllowedByCluster)
                disagreements.Add($"--cluster: {Describe(c)} declared {(c.AllowedByCluster ? "allowed" : "denied")}");
        }
        if (s.Audit.Count > 0)
        {
            var states = new Dictionary<int, NetworkSnapshot>();
            foreach (var c in s.Traffic)
            {
                var applied = s.Audit.Where(w => w.Applied && w.Time <= c.Time).ToList();
                if (!states.TryGetValue(applied.Count, out var state))
                    states[applied.Count] = state = StateAfter(clusterDir, applied);
                if (Allows(state, c) != c.AllowedInForce(withAudit: true))
                    disagreements.Add($"with audit: {Describe(c)} declared {(c.AllowedInForce(true) ? "allowed" : "denied")}");
            }
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));
    }

    // ICMP is checked as UDP port 0: only a rule without ports admits it, as it admits every protocol (no policy here
    // has a UDP rule without a port).
    // A pod's traffic to itself is allowed whatever the policies (the Semantics: it is not reported); the reference
    // evaluator judges pairs of distinct endpoints.
    private static bool Allows(NetworkSnapshot snapshot, Connection c) =>
        c.Src is PodPeer a && c.Dst is PodPeer b && a.Pod == b.Pod || new ReferenceEvaluator(snapshot, ipBlockMatchesPodIps: true).Allows(Endpoint(snapshot, c.Src), Endpoint(snapshot, c.Dst),
            c.Protocol == "TCP" ? Protocol.Tcp : Protocol.Udp, c.DstPort);

    private static object Endpoint(NetworkSnapshot snapshot, Peer peer) => peer is PodPeer p
        ? snapshot.Pods.Single(x => !x.FromTemplate && x.Namespace == p.Pod.Namespace && x.Name == p.Pod.Name)
        : IPAddress.Parse(peer.Ip);

    /// <summary>The cluster with each written policy's latest applied version (a create adds it, a patch replaces it).</summary>
    private static NetworkSnapshot StateAfter(string clusterDir, IReadOnlyList<AuditWrite> applied)
    {
        var latest = applied.GroupBy(w => (w.Namespace, w.Name)).Select(g => g.Last().Policy!).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"palisade-audit-state-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, YamlEmitter.Documents(latest));
            return ManifestSource.Load([clusterDir, file], lenient: true).Cluster.Network;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Describe(Connection c) => $"{c.Time:HH:mm:ss} {c.Src} -> {c.Dst}:{c.DstPort}/{c.Protocol} ({c.Note})";
}
