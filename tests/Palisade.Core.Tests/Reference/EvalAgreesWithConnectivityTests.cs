using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Connectivity.Explain;
using Palisade.Net;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// <c>eval</c>'s path (resolve endpoints by name, explain each pair) agrees with <c>connectivity</c>'s report
/// on random clusters, and every denial comes with a reason on a denying side.
/// </summary>
public sealed class EvalAgreesWithConnectivityTests
{
    private static readonly ConnectionQuery[] Probes =
        [new(Protocol.Tcp, 53), new(Protocol.Tcp, 80), new(Protocol.Tcp, 8050), new(Protocol.Tcp, 8080), new(Protocol.Udp, 53), new(Protocol.Sctp, 9000)];

    [Property(MaxTest = 1000, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Eval_agrees_with_the_connectivity_report(GeneratedCase c)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var report = ConnectivityAnalyzer.Analyze(engine);
        var lines = report.Connections.ToDictionary(x => (x.Source.DisplayName, x.Destination.DisplayName), x => x.Connections);
        foreach (var s in report.Peers)
        {
            foreach (var d in report.Peers)
            {
                if (s == d)
                    continue;
                var sources = EndpointResolver.Resolve(engine, s.DisplayName[..s.DisplayName.IndexOf('[')], "source");
                var destinations = EndpointResolver.Resolve(engine, d.DisplayName, "destination");
                lines.TryGetValue((s.DisplayName, d.DisplayName), out var listed);
                foreach (var probe in Probes)
                {
                    var explanation = EndpointResolver.ExplainAny(engine, sources, destinations, _ => probe);
                    if (explanation.Allowed != (listed?.Contains(probe.Protocol, probe.Port) ?? false) || !Coherent(explanation, probe))
                        return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// An allowed pair is allowed on both sides; a denied pair has a side that names its denial: an admin or
    /// baseline Deny covering the probe, or isolating NetworkPolicies none of whose rules admits it.
    /// </summary>
    private static bool Coherent(PairExplanation e, ConnectionQuery probe)
    {
        if (e.Allowed)
            return e.Egress.Allows && e.Ingress.Allows;
        var denying = new[] { e.Egress, e.Ingress }.Where(s => !s.Allows).ToArray();
        return denying.Length > 0 && denying.All(s => !s.IsOpen && (
            DeniedBy(s.Verdict!.AdminDecisions, probe) ||
            DeniedBy(s.Verdict.BaselineDecisions, probe) ||
            s.Verdict.Isolated && s.Policies.All(p => p.Rules.All(r => !r.Admits && !string.IsNullOrEmpty(r.Reason)))));
    }

    private static bool DeniedBy(IReadOnlyList<AdminDecision> decisions, ConnectionQuery probe) =>
        decisions.Any(d => d.Action == Palisade.Policy.AdminAction.Deny && d.Connections.Contains(probe.Protocol, probe.Port));
}
