using System.Net;
using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Model;
using Palisade.Net;
using Palisade.Testing;

namespace Palisade.Core.Tests.Reference;

/// <summary>The engine and the naive reference evaluator agree on every probe of random clusters.</summary>
public sealed class EngineAgreesWithReferenceTests
{
    /// <summary>The (protocol, port) probes every property checks.</summary>
    internal static readonly (Protocol Protocol, int Port)[] Probes =
    [
        (Protocol.Tcp, 1), (Protocol.Tcp, 53), (Protocol.Tcp, 79), (Protocol.Tcp, 80), (Protocol.Tcp, 81), (Protocol.Tcp, 7999),
        (Protocol.Tcp, 8000), (Protocol.Tcp, 8080), (Protocol.Tcp, 8081), (Protocol.Tcp, 8100), (Protocol.Tcp, 8101),
        (Protocol.Tcp, 9000), (Protocol.Tcp, 65535), (Protocol.Udp, 53), (Protocol.Udp, 54), (Protocol.Udp, 8081),
        (Protocol.Sctp, 1), (Protocol.Sctp, 9000), (Protocol.Sctp, 65535),
    ];

    private static readonly IPAddress[] ExternalProbes =
        new[] { "0.0.0.0", "8.8.8.8", "10.0.0.5", "10.0.0.15", "10.0.0.130", "10.0.1.1", "10.200.0.1", "172.16.0.1", "192.168.1.1", "255.255.255.255", "2001:db8::1", "2001:db8:5::1", "::1" }
        .Select(IPAddress.Parse).ToArray();

    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Pod_to_pod_verdicts_agree(GeneratedCase c)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var reference = new ReferenceEvaluator(c.Cluster, c.IpBlockMatchesPodIps);
        foreach (var source in engine.Pods)
        {
            foreach (var destination in engine.Pods)
            {
                var allowed = engine.Allowed(source, destination);
                foreach (var (protocol, port) in Probes)
                {
                    if (allowed.Contains(protocol, port) != reference.Allows(source.Pod, destination.Pod, protocol, port))
                        return false;
                }
            }
        }
        return true;
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool External_verdicts_agree(GeneratedCase c)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var reference = new ReferenceEvaluator(c.Cluster, c.IpBlockMatchesPodIps);
        foreach (var address in ExternalProbes)
        {
            var to = engine.ExternalDestinations.SingleOrDefault(e => e.Range.Contains(address));
            var from = engine.ExternalSources.SingleOrDefault(e => e.Range.Contains(address));
            foreach (var pod in engine.Pods)
            {
                foreach (var (protocol, port) in Probes)
                {
                    if (to is not null && engine.Allowed(pod, to).Contains(protocol, port) != reference.Allows(pod.Pod, address, protocol, port))
                        return false;
                    if (from is not null && engine.Allowed(from, pod).Contains(protocol, port) != reference.Allows(address, pod.Pod, protocol, port))
                        return false;
                }
            }
        }
        return true;
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Open_sides_agree(GeneratedCase c)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var reference = new ReferenceEvaluator(c.Cluster, c.IpBlockMatchesPodIps);
        return engine.Pods.Where(p => !p.Pod.HostNetwork).All(p =>
            engine.IsOpen(p, Policy.PolicyDirection.Ingress) == reference.IsOpen(p.Pod, egress: false)
            && engine.IsOpen(p, Policy.PolicyDirection.Egress) == reference.IsOpen(p.Pod, egress: true));
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool The_report_lists_exactly_the_non_empty_pairs(GeneratedCase c)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var report = ConnectivityAnalyzer.Analyze(engine);
        var expected = new List<string>();
        foreach (var s in engine.Pods)
        {
            foreach (var d in engine.Pods)
            {
                if (s != d && engine.Allowed(s, d) is { IsEmpty: false } conns)
                    expected.Add($"{s.DisplayName} => {d.DisplayName} : {conns}");
            }
        }
        var listed = report.Connections.Where(x => !x.Source.IsExternal && !x.Destination.IsExternal)
            .Select(x => $"{x.Source} => {x.Destination} : {x.Connections}");
        return expected.Order(StringComparer.Ordinal).SequenceEqual(listed.Order(StringComparer.Ordinal));
    }

    /// <summary>Without cluster-scoped policies the tiers reduce to NetworkPolicy alone, as before they existed.</summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Without_cluster_scoped_policies_only_network_policies_decide(GeneratedCase c)
    {
        var cluster = new NetworkSnapshot(c.Cluster.Namespaces.Values, c.Cluster.Pods, c.Cluster.NetworkPolicies);
        var engine = new PolicyEngine(cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var reference = new ReferenceEvaluator(cluster, c.IpBlockMatchesPodIps);
        foreach (var source in engine.Pods)
        {
            foreach (var destination in engine.Pods)
            {
                var verdict = engine.Evaluate(source, destination);
                if (verdict.Egress.AdminDecisions.Count + verdict.Ingress.AdminDecisions.Count + verdict.Egress.BaselineDecisions.Count + verdict.Ingress.BaselineDecisions.Count > 0)
                    return false;
                foreach (var (protocol, port) in Probes)
                {
                    if (verdict.Allowed.Contains(protocol, port) != reference.Allows(source.Pod, destination.Pod, protocol, port))
                        return false;
                }
            }
        }
        return true;
    }
}
