using Palisade.Flows.Detection;

namespace Palisade.Generate;

/// <summary>How <c>generate</c> turns observed traffic into policies; the defaults are those documented in docs/generate.md.</summary>
public sealed record GenerateOptions
{
    /// <summary>The detectors whose flagged flows are left out unless included (<c>--include-flagged</c>).</summary>
    public static readonly IReadOnlyList<string> ExcludingDetectors =
        ["port-scan", "metadata-access", "control-plane-access", "dns-exfiltration", "policy-violation"];

    /// <summary>Resolution, judging and detection thresholds (the same as <c>flows check</c>).</summary>
    public FlowCheckOptions Check { get; init; } = FlowCheckOptions.Default;

    /// <summary>What to do with connections to public addresses.</summary>
    public ExternalEgress ExternalEgress { get; init; } = ExternalEgress.Cidr;

    /// <summary>Whether to add, per namespace with generated policies, a policy denying all ingress and egress.</summary>
    public bool WithDefaultDeny { get; init; }

    /// <summary>Generate policies only for workloads of these namespaces (peers may be anywhere); all when empty.</summary>
    public IReadOnlyList<string> Namespaces { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Detectors whose flagged flows are turned into rules anyway.</summary>
    public IReadOnlyList<string> IncludeFlagged { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Observed addresses of one /24 (IPv6: /64) that make the rule admit the whole prefix.</summary>
    public int AggregateAt { get; init; } = 8;

    /// <summary>
    /// Connections, spread over at least <see cref="RoutineSpan"/>, that make control-plane access routine (a
    /// component's watch or scrape) rather than a probe; routine access is kept.
    /// </summary>
    public int RoutineConnections { get; init; } = 3;

    /// <summary>The time routine control-plane access must span, first to last connection.</summary>
    public TimeSpan RoutineSpan { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The defaults.</summary>
    public static readonly GenerateOptions Default = new();

    /// <summary>Whether flows flagged by the detector are left out.</summary>
    public bool Excludes(string detector) => ExcludingDetectors.Contains(detector) && !IncludeFlagged.Contains(detector);

    /// <summary>Whether the workload's namespace is one policies are generated for.</summary>
    public bool Covers(string @namespace) => Namespaces.Count == 0 || Namespaces.Contains(@namespace);
}
