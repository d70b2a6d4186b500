using System.Net;
using FsCheck.Xunit;
using Palisade.Core.Tests.Reference;
using Palisade.Flows;
using Palisade.Generate;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Testing;

namespace Palisade.Core.Tests.Generate;

/// <summary>
/// For random clusters and random sets of allowed flows, the generated policies are checked against the naive reference
/// evaluator, not the engine that proved them: (a) every flow stays allowed; (c) whatever they newly allow that the
/// existing policies denied was observed; (b) every pair the proof lists as reach beyond the observed edges is allowed
/// and was not observed, and where only generated policies govern both ends, every such connection is listed.
/// </summary>
public sealed class GenerationPropertyTests
{
    private static readonly IPAddress[] Externals = [.. new[] { "8.8.8.8", "8.8.8.9", "203.0.113.9", "203.0.113.10", "192.168.1.1", "172.16.0.1", "1.1.1.1" }.Select(IPAddress.Parse)];

    [Property(MaxTest = 300, Arbitrary = [typeof(GenerationCase)])]
    public bool The_proof_holds_and_agrees_with_the_reference_evaluator(GenerationCase c)
    {
        var before = new ReferenceEvaluator(c.Cluster.Network, ipBlockMatchesPodIps: true);
        var allowed = c.Flows.Where(f => before.Allows(f.Source, f.Destination, f.Protocol, f.Port)).ToArray();
        var session = new GenerateSession(ClusterHistory.Static(c.Cluster), GenerateOptions.Default);
        var seconds = 0;
        foreach (var (source, destination, protocol, port) in allowed)
        {
            session.Observe(new FlowRecord
            {
                Time = GenCluster.T0.AddSeconds(seconds++ * 70),
                Source = source.Addresses[0],
                Destination = destination is Pod pod ? pod.Addresses[0] : (IPAddress)destination,
                SourcePort = 40000 + seconds,
                DestinationPort = port,
                Protocol = protocol switch { Protocol.Udp => FlowProtocols.Udp, Protocol.Sctp => FlowProtocols.Sctp, _ => FlowProtocols.Tcp },
                Verdict = FlowVerdict.Forwarded,
                IsReply = false,
            });
        }
        var result = session.Finish();
        var after = CombinedCluster.With(c.Cluster, result.Set.Policies.Select(p => p.Policy), result.Set.Replaced).Network;
        var reference = new ReferenceEvaluator(after, ipBlockMatchesPodIps: true);
        var observed = allowed.Select(f => (Key(f.Source), Key(f.Destination), f.Protocol, f.Port)).ToHashSet();

        var everyFlowAllowed = allowed.All(f => reference.Allows(f.Source, f.Destination, f.Protocol, f.Port));
        var pods = c.Cluster.Network.Pods;
        var ends = pods.Cast<object>().Concat(Externals).ToArray();
        var nothingNewUnobserved = true;
        foreach (var source in ends)
        {
            foreach (var destination in ends)
            {
                if (ReferenceEquals(source, destination) || source is IPAddress && destination is IPAddress)
                    continue;
                foreach (var (protocol, port) in EngineAgreesWithReferenceTests.Probes)
                {
                    if (reference.Allows(source, destination, protocol, port) && !before.Allows(source, destination, protocol, port)
                        && !observed.Contains((Key(source), Key(destination), protocol, port)))
                        nothingNewUnobserved = false;
                }
            }
        }
        return result.Proof.Holds && everyFlowAllowed && nothingNewUnobserved
            && BeyondIsSound(result, pods, reference, observed) && BeyondIsComplete(result, c.Cluster.Network, reference, observed);
    }

    /// <summary>Every listed workload pair is allowed on each probe it lists, for some pods of the two, and was not observed.</summary>
    private static bool BeyondIsSound(GenerateResult result, IReadOnlyList<Pod> pods, ReferenceEvaluator reference, HashSet<(string, string, Protocol, int)> observed)
    {
        foreach (var line in result.Proof.Beyond.Where(l => !l.Source.EndsWith("[External]", StringComparison.Ordinal) && !l.Destination.EndsWith("[External]", StringComparison.Ordinal)))
        {
            foreach (var (protocol, port) in EngineAgreesWithReferenceTests.Probes.Where(p => line.Connections.Contains(p.Protocol, p.Port)))
            {
                var sources = pods.Where(p => p.Owner.ToString() == line.Source);
                var destinations = pods.Where(p => p.Owner.ToString() == line.Destination).ToArray();
                if (!sources.Any(s => destinations.Any(d => reference.Allows(s, d, protocol, port))) || observed.Contains((line.Source, line.Destination, protocol, port)))
                    return false;
            }
        }
        return true;
    }

    /// <summary>Between workloads no existing policy selects, everything allowed and not observed is listed.</summary>
    private static bool BeyondIsComplete(GenerateResult result, NetworkSnapshot cluster, ReferenceEvaluator reference, HashSet<(string, string, Protocol, int)> observed)
    {
        var generated = result.Set.Policies.Where(p => p.Workload is not null).Select(p => p.Workload!).ToHashSet();
        var free = cluster.Pods.Where(p => !p.HostNetwork && generated.Contains(p.Owner)
            && !cluster.NetworkPolicies.Any(n => n.Namespace == p.Namespace && n.PodSelector.Matches(p.Labels))).ToArray();
        foreach (var source in free)
        {
            foreach (var destination in free.Where(d => d.Owner != source.Owner))
            {
                foreach (var (protocol, port) in EngineAgreesWithReferenceTests.Probes)
                {
                    if (reference.Allows(source, destination, protocol, port) && !observed.Contains((Key(source), Key(destination), protocol, port))
                        && !result.Proof.Beyond.Any(l => l.Source == source.Owner.ToString() && l.Destination == destination.Owner.ToString() && l.Connections.Contains(protocol, port)))
                        return false;
                }
            }
        }
        return true;
    }

    /// <summary>How the observed edges name an end: a workload, or an address (hostNetwork pods are addresses to policies).</summary>
    private static string Key(object end) => end switch
    {
        Pod { HostNetwork: true } pod => pod.Addresses[0].ToString(),
        Pod pod => pod.Owner.ToString(),
        _ => end.ToString()!,
    };
}
