using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// Every scenario, built deterministically: one cluster (seed 7) for all, ten minutes of checked traffic
/// from 2025-06-03T14:00Z, and for baseline scenarios the same ten minutes of the day before.
/// </summary>
public static class ScenarioCatalog
{
    public const int ClusterSeed = 7;
    public static readonly DateTimeOffset Start = new(2025, 6, 3, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset DayBefore = Start.AddDays(-1);

    public static IReadOnlyList<string> Names { get; } =
    [
        "a-port-scan", "b-lateral-movement", "c-enforcement-gaps", "d-internet-egress", "e-metadata-control-plane",
        "f-plaintext", "g-dns-exfiltration", "h-policy-change", "i-benign-traffic", "mixed",
    ];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Scenario>> Built = new();

    /// <summary>The scenario, built once per process (scenarios are not changed after they are built).</summary>
    public static Scenario Get(string name) => Built.GetOrAdd(name, n => new Lazy<Scenario>(() => Build(n))).Value;

    /// <summary>Builds the scenario afresh.</summary>
    public static Scenario Build(string name) => name switch
    {
        "a-port-scan" => Simple(name, 101, "Vertical, horizontal and slow port scans from compromised dev pods.", PortScanPart.Add),
        "b-lateral-movement" => Lateral(name),
        "c-enforcement-gaps" => Simple(name, 103, "Flows forwarded against policy, flows dropped by policy, a non-policy drop.", EnforcementPart.Add),
        "d-internet-egress" => Simple(name, 104, "Egress to public (documentation and boundary) and private external addresses.", EgressPart.Add),
        "e-metadata-control-plane" => Simple(name, 105, "Instance metadata, the kubernetes Service, the API endpoint, etcd and a kubelet.", ControlPlanePart.Add),
        "f-plaintext" => Simple(name, 106, "Clear HTTP into a STRICT-mTLS namespace and HTTP with credentials.", PlaintextPart.Add, [FlowFormat.Hubble], PlaintextPart.Configure),
        "g-dns-exfiltration" => Simple(name, 107, "Many names under one registered domain, a long label, and look-alikes below the threshold.", DnsExfiltrationPart.Add, [FlowFormat.Hubble]),
        "h-policy-change" => PolicyChange(name),
        "i-benign-traffic" => Benign(name),
        "mixed" => Mixed(name),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    private static Scenario Simple(string name, int seed, string description, Action<TrafficBuilder, DateTimeOffset> part,
        IReadOnlyList<FlowFormat>? formats = null, Action<ClusterSpec>? configure = null)
    {
        var cluster = ClusterFactory.Create(ClusterSeed);
        configure?.Invoke(cluster);
        var b = new TrafficBuilder(cluster, seed);
        BackgroundTraffic.Add(b, Start);
        part(b, Start);
        return new Scenario { Name = name, Description = description, Cluster = cluster, Traffic = b.Connections, Formats = formats ?? FlowFormat.All };
    }

    /// <summary>The background and <see cref="BenignPart"/>, every reply written in every format (see <see cref="Connection.RepliesAlwaysWritten"/>).</summary>
    private static Scenario Benign(string name)
    {
        var cluster = ClusterFactory.Create(ClusterSeed);
        var b = new TrafficBuilder(cluster, 110);
        BackgroundTraffic.Add(b, Start);
        BenignPart.Add(b, Start);
        return new Scenario
        {
            Name = name, Description = "Pings, load-balancer health checks and every reply a real log carries: replies must raise nothing.",
            Cluster = cluster, Traffic = [.. b.Connections.Select(c => c with { RepliesAlwaysWritten = true })], Formats = FlowFormat.All,
        };
    }

    private static Scenario Lateral(string name)
    {
        var cluster = ClusterFactory.Create(ClusterSeed);
        var day1 = new TrafficBuilder(cluster, 1102);
        BackgroundTraffic.Add(day1, DayBefore);
        LateralMovementPart.AddDayOne(day1, DayBefore);
        var day2 = new TrafficBuilder(cluster, 102);
        BackgroundTraffic.Add(day2, Start);
        LateralMovementPart.AddDayTwo(day2, Start);
        return new Scenario
        {
            Name = name, Description = "New edges against a baseline learned the day before; external peers grouped by /24.",
            Cluster = cluster, Traffic = day2.Connections, BaselineTraffic = day1.Connections, Formats = FlowFormat.All,
        };
    }

    private static Scenario PolicyChange(string name)
    {
        var cluster = ClusterFactory.Create(ClusterSeed);
        var b = new TrafficBuilder(cluster, 108);
        BackgroundTraffic.Add(b, Start);
        var writes = PolicyChangePart.Writes(Start);
        PolicyChangePart.Add(b, Start, writes);
        return new Scenario
        {
            Name = name, Description = "Flows opened by an audited NetworkPolicy create and patch; a forbidden and a dry-run write open nothing.",
            Cluster = cluster, Traffic = b.Connections, Audit = writes, Formats = FlowFormat.All,
        };
    }

    /// <summary>
    /// Everything at once over the background, with the baseline day and the audit log. The baseline day also
    /// holds toolbox's connections to nodes, so no new edge has a node at either end (see the report:
    /// whether new-connection keys nodes by name or by /24 is not stated).
    /// </summary>
    private static Scenario Mixed(string name)
    {
        var cluster = ClusterFactory.Create(ClusterSeed);
        PlaintextPart.Configure(cluster);
        var day1 = new TrafficBuilder(cluster, 1109);
        BackgroundTraffic.Add(day1, DayBefore);
        LateralMovementPart.AddDayOne(day1, DayBefore);
        var toolbox = new PodPeer(cluster.Workload("dev", "toolbox").Pod);
        foreach (var (offset, node, port) in ControlPlanePart.NodeEdges(cluster))
            day1.Direct(DayBefore.AddSeconds(offset), toolbox, new NodePeer(node), port, note: "node port (known)");

        var b = new TrafficBuilder(cluster, 109);
        BackgroundTraffic.Add(b, Start);
        PortScanPart.Add(b, Start);
        LateralMovementPart.AddDayTwo(b, Start);
        EnforcementPart.Add(b, Start);
        EgressPart.Add(b, Start);
        ControlPlanePart.Add(b, Start);
        PlaintextPart.Add(b, Start);
        DnsExfiltrationPart.Add(b, Start);
        var writes = PolicyChangePart.Writes(Start);
        PolicyChangePart.Add(b, Start, writes);
        return new Scenario
        {
            Name = name, Description = "All of the above in one file per format, with the baseline day and the audit log.",
            Cluster = cluster, Traffic = b.Connections, BaselineTraffic = day1.Connections, Audit = writes, Formats = FlowFormat.All,
        };
    }
}
