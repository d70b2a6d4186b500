using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Labels.Detectors;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>
/// The alerts the contract (../shared/PRODUCT.md, "Detection") requires for a scenario in a format, derived
/// from what the generator knows about each connection rather than from the files: resolution by identity,
/// replies never counted (the generator knows which records are replies), verdicts as the format shows them.
/// One rule per detector, in the contract's words.
/// </summary>
public static class LabelOracle
{
    public const int ScanThreshold = 20;
    public const int DnsNameThreshold = 50;
    public const int DnsLabelLimit = 50;
    public const string MetadataAddress = "169.254.169.254";

    /// <summary>Node ports whose access is control-plane access: kubelet, etcd, scheduler, controller-manager.</summary>
    public static readonly IReadOnlySet<int> ControlPlanePorts = new HashSet<int> { 10250, 10255, 2379, 2380, 10259, 10257 };

    public static IReadOnlyList<Label> For(Scenario scenario, FlowFormat format)
    {
        var cluster = scenario.Cluster;
        var withAudit = scenario.UsesAudit(format);
        var traffic = Scenario.In(scenario.Traffic, format).ToList();
        var labels = new LabelSet();
        foreach (var c in traffic)
            PerConnection(c, cluster, format, withAudit, labels);
        PortScans(traffic, labels);
        if (scenario.UsesBaseline(format))
            NewConnections(Scenario.In(scenario.BaselineTraffic!, format), traffic, labels);
        if (format.HasL7)
        {
            Plaintext(traffic, cluster, labels);
            DnsExfiltration(traffic, labels);
        }
        return labels.ToList();
    }

    private static void PerConnection(Connection c, ClusterSpec cluster, FlowFormat format, bool withAudit, LabelSet labels)
    {
        var (src, dst, protocol) = (Names.Of(c.Src), Names.Of(c.Dst), c.Protocol);
        // ICMP has no port: its alerts list none.
        int[] ports = c.Portless ? [] : [c.DstPort];
        Verdict? verdict = format.HasVerdict ? c.Verdict : null;
        var allowed = c.AllowedInForce(withAudit);

        // denied-attempt: dropped by policy, or no verdict and the policy denies it.
        if (verdict == Verdict.DroppedByPolicy || (verdict is null && !allowed))
            labels.AddConnection(DeniedAttempt, src, dst, protocol, ports, verdict is null ? "no verdict, denied by policy" : "dropped by policy");
        // policy-violation: forwarded although the policy in force denies it.
        if (verdict == Verdict.Forwarded && !allowed)
            labels.AddConnection(PolicyViolation, src, dst, protocol, ports, "forwarded, denied by the policy in force");
        // via-policy-change: forwarded, allowed by the state in force, denied by --cluster.
        if (withAudit && verdict == Verdict.Forwarded && allowed && !c.AllowedByCluster)
        {
            var write = c.Cause ?? throw new InvalidOperationException($"{c.Note}: allowed only after a change but no cause");
            labels.AddConnection(ViaPolicyChange, src, dst, protocol, ports, "allowed only by an audited write",
                new LabelCause(AuditLogWriter.Timestamp(write.Time), write.User, write.Verb, write.ObjectName));
        }
        if (c.Src is not PodPeer)
            return;
        if (c.Dst is ExternalPeer e && AddressClass.IsPublic(e.Address) && !cluster.Owns(e.Address))
            labels.AddConnection(InternetEgress, src, dst, protocol, ports, "pod to a public address");
        if (IsControlPlane(c, cluster))
            labels.AddConnection(ControlPlaneAccess, src, dst, protocol, ports, "pod to the API server or a node's control-plane port");
        if (c.Dst is ExternalPeer { Address: MetadataAddress })
            labels.AddConnection(MetadataAccess, src, dst, protocol, ports, "pod to the instance metadata service");
    }

    public static bool IsControlPlane(Connection c, ClusterSpec cluster) => c.Dst switch
    {
        PodlessServicePeer s => s.Service == cluster.KubernetesService && c.DstPort == 443,
        NodePeer n => (n.Node.ControlPlane && c.DstPort == ClusterSpec.ApiServerPort) || ControlPlanePorts.Contains(c.DstPort),
        _ => false,
    };

    /// <summary>Vertical (ports of one destination) and horizontal (one port, many destinations) scans, verdicts ignored.</summary>
    private static void PortScans(IReadOnlyList<Connection> traffic, LabelSet labels)
    {
        var requests = traffic.Where(c => !c.Portless).Select(c => (c.Time, Src: Names.Of(c.Src), Dst: Names.Of(c.Dst), c.Protocol, Port: c.DstPort)).ToList();
        foreach (var group in requests.GroupBy(r => (r.Src, r.Dst, r.Protocol)))
        {
            var (max, reaching) = SlidingWindow.Measure(group.Select(r => (r.Time, r.Port)), ScanThreshold);
            if (max >= ScanThreshold)
                labels.Add(PortScan, group.Key.Src, group.Key.Dst, group.Key.Protocol, reaching, $"{max} ports of one destination within 60 s");
        }
        foreach (var group in requests.GroupBy(r => (r.Src, r.Protocol, r.Port)))
        {
            var (max, _) = SlidingWindow.Measure(group.Select(r => (r.Time, r.Dst)), ScanThreshold);
            if (max >= ScanThreshold)
                labels.Add(PortScan, group.Key.Src, "*", group.Key.Protocol, group.Key.Port, $"one port on {max} destinations within 60 s");
        }
    }

    /// <summary>Forwarded (source, destination, protocol, port) edges the baseline never saw forwarded; dst is the first address seen.</summary>
    private static void NewConnections(IEnumerable<Connection> baseline, IReadOnlyList<Connection> traffic, LabelSet labels)
    {
        var known = baseline.Where(c => c.Verdict == Verdict.Forwarded).Select(EdgeKey).ToHashSet();
        var reported = new HashSet<(string, string, string, int)>();
        foreach (var c in traffic.Where(c => c.Verdict == Verdict.Forwarded).OrderBy(c => c.Time))
        {
            var key = EdgeKey(c);
            if (!known.Contains(key) && reported.Add(key))
                labels.Add(NewConnection, Names.Of(c.Src), Names.Of(c.Dst), c.Protocol, c.DstPort, "edge not in the baseline");
        }
    }

    public static (string, string, string, int) EdgeKey(Connection c) =>
        (Names.BaselineKey(c.Src), Names.BaselineKey(c.Dst), c.Protocol, c.DstPort);

    /// <summary>Clear HTTP into a STRICT-mTLS namespace, or carrying an Authorization header anywhere.</summary>
    private static void Plaintext(IReadOnlyList<Connection> traffic, ClusterSpec cluster, LabelSet labels)
    {
        foreach (var c in traffic.Where(c => c.Verdict == Verdict.Forwarded && c.L7 is HttpRequest))
        {
            var http = (HttpRequest)c.L7!;
            var strict = c.Dst is PodPeer d && cluster.StrictMtlsNamespaces.Contains(d.Pod.Namespace);
            if (strict || http.HasAuthorization)
                labels.Add(Detectors.Plaintext, Names.Of(c.Src), Names.Of(c.Dst), c.Protocol, c.DstPort,
                    strict ? "clear HTTP into a STRICT mTLS namespace" : "clear HTTP with an Authorization header");
        }
    }

    /// <summary>≥ 50 distinct names under one registered domain from one pod within 60 s, or a label over 50 characters.</summary>
    private static void DnsExfiltration(IReadOnlyList<Connection> traffic, LabelSet labels)
    {
        var queries = DnsQueries(traffic).ToList();
        foreach (var group in queries.GroupBy(q => (q.Pod, Domain: RegisteredDomain.Of(q.Name))))
        {
            var (max, _) = SlidingWindow.Measure(group.Select(q => (q.Time, q.Name)), DnsNameThreshold);
            if (max >= DnsNameThreshold)
                labels.Add(Detectors.DnsExfiltration, group.Key.Pod.Workload.AlertName, "*", group.First().Protocol, group.First().Port,
                    $"{max} names under {group.Key.Domain} within 60 s");
        }
        foreach (var q in queries.Where(q => q.Name.Split('.').Any(l => l.Length > DnsLabelLimit)))
            labels.Add(Detectors.DnsExfiltration, q.Pod.Workload.AlertName, "*", q.Protocol, q.Port, "a query label over 50 characters");
    }

    public static IEnumerable<(DateTimeOffset Time, ClusterPod Pod, string Name, string Protocol, int Port)> DnsQueries(IEnumerable<Connection> traffic) =>
        traffic.Where(c => c.Verdict == Verdict.Forwarded && c.L7 is DnsQuery && c.Src is PodPeer)
            .Select(c => (c.Time, ((PodPeer)c.Src).Pod, RegisteredDomain.Normalise(((DnsQuery)c.L7!).Name), c.Protocol, c.DstPort));
}
