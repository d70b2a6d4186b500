using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>
/// Checks that a scenario stays clear of the constructs where the contract can be read two ways, so that
/// its labels hold under every reasonable reading. Each check names the ambiguity it keeps out.
/// </summary>
public static class AmbiguityGuards
{
    private const int ScanLow = 15, ScanHigh = 25, DnsLow = 35, DnsHigh = 55;

    public static IReadOnlyList<string> Check(Scenario scenario)
    {
        var problems = new List<string>();
        var withAudit = scenario.Audit.Count > 0;
        foreach (var c in scenario.Traffic.Concat(scenario.BaselineTraffic ?? []))
            Connection(scenario, c, withAudit, problems);
        Scans(scenario.Traffic, problems);
        Dns(scenario.Traffic, problems);
        if (scenario.BaselineTraffic is { } baseline)
            NodeEdges(baseline, scenario.Traffic, problems);
        return problems;
    }

    private static void Connection(Scenario s, Connection c, bool withAudit, List<string> problems)
    {
        void Fail(string why) => problems.Add($"{c.Time:O} {c.Src} -> {c.Dst}:{c.DstPort}/{c.Protocol} ({c.Note}): {why}");

        // An external source is named by its address; which address new-connection keys it by is not needed: no baseline.
        if (c.Src is ExternalPeer && s.BaselineTraffic is not null)
            Fail("an external source in a scenario with a baseline");
        if (c.Src is PodlessServicePeer)
            Fail("a Service as a source");
        if (c.Dst is ExternalPeer e && s.Cluster.Owns(e.Address))
            Fail("an 'external' address the cluster owns");
        if (c.Time < s.Cluster.CreatedAt.AddMinutes(1))
            Fail("before the pods existed (which pod held the address would depend on creationTimestamp)");
        // A drop the policy model allows (or a non-policy drop of a denied flow) would ask whether the verdict or the model wins.
        if (c.Verdict == Verdict.DroppedByPolicy && (c.AllowedByCluster || c.AllowedInForce(withAudit)))
            Fail("dropped by policy but the policy allows it");
        if (c.Verdict == Verdict.DroppedOther && (!c.HubbleOnly || !c.AllowedByCluster))
            Fail("a non-policy drop must be Hubble-only and on an allowed flow");
        // Whether internet-egress, metadata-access and control-plane-access fire on dropped or unverdicted-denied flows is not stated.
        var targetDetector = c.Src is PodPeer && (c.Dst is ExternalPeer { Address: LabelOracle.MetadataAddress }
            || (c.Dst is ExternalPeer x && AddressClass.IsPublic(x.Address)) || LabelOracle.IsControlPlane(c, s.Cluster));
        if (targetDetector && !(c.Verdict == Verdict.Forwarded && c.AllowedByCluster && c.AllowedInForce(withAudit)))
            Fail("egress, metadata or control-plane flow that is not forwarded and allowed");
        if (c.L7 is not null && (c.Verdict != Verdict.Forwarded || c.Src is not PodPeer))
            Fail("L7 records come only from forwarded pod traffic");
        if ((c.Cause is not null) != (c.AllowedWithAudit == true && !c.AllowedByCluster))
            Fail("a cause exactly when the audit log opens the flow");
        if (c.Src is PodPeer p && p.Pod.Workload.Ports.Any(x => x.Port == c.SrcPort))
            Fail("client port is one its pod listens on (the record would read as a reply)");
        if (c.Protocol == "UDP" && c.Src is NodePeer)
            Fail("node UDP traffic is not generated");
    }

    /// <summary>No scan count near 20 (window edges, VPC start/end times, Hubble retransmissions cannot tip it), with or without protocol in the key.</summary>
    private static void Scans(IReadOnlyList<Connection> traffic, List<string> problems)
    {
        var requests = traffic.Where(c => !c.Portless).Select(c => (c.Time, Src: Names.Of(c.Src), Dst: Names.Of(c.Dst), c.Protocol, Port: c.DstPort)).ToList();
        foreach (var g in requests.GroupBy(r => (r.Src, r.Dst)))
            Margin($"vertical {g.Key}", SlidingWindow.Measure(g.Select(r => (r.Time, (r.Protocol, r.Port))), ScanHigh).Max, ScanLow, ScanHigh, problems);
        foreach (var g in requests.GroupBy(r => (r.Src, r.Port)))
            Margin($"horizontal {g.Key}", SlidingWindow.Measure(g.Select(r => (r.Time, r.Dst)), ScanHigh).Max, ScanLow, ScanHigh, problems);
        // Counting addresses instead of workloads is a misreading, not an ambiguity; the scrape that tells them apart must stay clear of 20 by workloads.
    }

    /// <summary>No DNS count near 50, per pod or per workload; no label length near 50.</summary>
    private static void Dns(IReadOnlyList<Connection> traffic, List<string> problems)
    {
        var queries = LabelOracle.DnsQueries(traffic).ToList();
        foreach (var g in queries.GroupBy(q => (q.Pod.Workload.AlertName, RegisteredDomain.Of(q.Name))))
            Margin($"dns per workload {g.Key}", SlidingWindow.Measure(g.Select(q => (q.Time, q.Name)), DnsHigh).Max, DnsLow, DnsHigh, problems);
        foreach (var g in queries.GroupBy(q => (q.Pod.Name, RegisteredDomain.Of(q.Name))))
            Margin($"dns per pod {g.Key}", SlidingWindow.Measure(g.Select(q => (q.Time, q.Name)), DnsHigh).Max, DnsLow, DnsHigh, problems);
        foreach (var q in queries.Where(q => q.Name.Split('.').Any(l => l.Length is >= 45 and <= 55)))
            problems.Add($"dns label length near 50: {q.Name}");
    }

    /// <summary>
    /// Whether new-connection keys a node by name or, like an external peer, by /24 is not stated: every
    /// forwarded day-2 edge with a node at either end is also a day-1 edge with the same node and port.
    /// </summary>
    private static void NodeEdges(IEnumerable<Connection> baseline, IReadOnlyList<Connection> traffic, List<string> problems)
    {
        static (string, string, string, int) Exact(Connection c) => (Names.Of(c.Src), Names.Of(c.Dst), c.Protocol, c.DstPort);
        var known = baseline.Where(c => c.Verdict == Verdict.Forwarded).Select(Exact).ToHashSet();
        foreach (var c in traffic.Where(c => c.Verdict == Verdict.Forwarded && (c.Src is NodePeer || c.Dst is NodePeer)))
        {
            if (!known.Contains(Exact(c)))
                problems.Add($"new edge with a node end: {Exact(c)}");
        }
    }

    private static void Margin(string what, int max, int low, int high, List<string> problems)
    {
        if (max > low && max < high)
            problems.Add($"{what}: {max} is too close to the threshold");
    }
}
