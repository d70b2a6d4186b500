using System.Diagnostics;
using System.Globalization;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Mesh;

namespace Palisade.Benchmarks;

/// <summary>
/// Times the <c>plaintext</c> detector's hot path: <c>flows-plaintext SIZE N</c> judges N Hubble records of the flows-check
/// traffic, every request a clear HTTP one, with an Istio mesh: mesh-wide PERMISSIVE, every other namespace STRICT, and in
/// each namespace a workload policy for the api tier with a port-level setting. Prints the rate of the plaintext detector
/// alone and of every detector, after a pass that is not timed.
/// </summary>
public static class PlaintextHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args is not ["flows-plaintext", var sizeName, var countText])
        {
            output.WriteLine("usage: flows-plaintext SIZE N");
            return 2;
        }
        var size = ClusterSize.Named(sizeName);
        var snapshot = FlowCheckHarness.IngressOnly(SyntheticCluster.Generate(size));
        var cluster = new Cluster(snapshot) { Mesh = Mesh(snapshot) };
        var records = FlowCheckHarness.Records(snapshot, int.Parse(countText, CultureInfo.InvariantCulture)).Select(WithHttp).ToArray();
        output.WriteLine($"{size.Name}: {snapshot.Pods.Count:N0} pods, {cluster.Mesh.PeerAuthentications.Count:N0} PeerAuthentications, {records.Length:N0} records (a third replies)");
        // A first pass compiles the hot path to its final tier, so that the timed passes compare judging, not the JIT.
        Time(null, cluster, records, [new Plaintext()], output);
        Time("plaintext alone", cluster, records, [new Plaintext()], output);
        Time("every detector", cluster, records, DetectorCatalog.Create(), output);
        return 0;
    }

    private static void Time(string? what, Cluster cluster, FlowRecord[] records, IReadOnlyList<IFlowDetector> detectors, TextWriter output)
    {
        var check = new FlowCheck(new FlowCheckContext(ClusterHistory.Static(cluster)), detectors);
        var first = Array.FindIndex(records, r => r.IsReply != true);
        for (var i = 0; i <= first; i++)
            check.Observe(records[i]);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = first + 1; i < records.Length; i++)
            check.Observe(records[i]);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var judged = records.Length - first - 1;
        if (what is not null)
            output.WriteLine($"{what}: judged {judged:N0} flows in {watch.Elapsed.TotalSeconds:F2} s wall, {cpuUsed.TotalSeconds:F2} s CPU: {judged / cpuUsed.TotalSeconds:N0} flows per CPU-second; {check.Result().Alerts.Count} alerts");
    }

    private static MeshObjects Mesh(NetworkSnapshot snapshot)
    {
        var policies = new List<PeerAuthentication> { new(MeshObjects.DefaultRootNamespace, "default", null, MtlsMode.Permissive) };
        var index = 0;
        foreach (var ns in snapshot.Namespaces.Keys.Order(StringComparer.Ordinal))
        {
            if (index++ % 2 == 0)
                policies.Add(new PeerAuthentication(ns, "default", null, MtlsMode.Strict));
            policies.Add(new PeerAuthentication(ns, "api", LabelSet.From([new("tier", "api")]), MtlsMode.Strict)
            {
                PortLevel = new Dictionary<int, MtlsMode> { [9090] = MtlsMode.Permissive },
            });
        }
        return new MeshObjects { PeerAuthentications = policies };
    }

    private static FlowRecord WithHttp(FlowRecord r) => new()
    {
        Time = r.Time,
        Source = r.Source,
        Destination = r.Destination,
        SourcePort = r.SourcePort,
        DestinationPort = r.DestinationPort,
        Protocol = r.Protocol,
        Verdict = r.Verdict,
        IsReply = r.IsReply,
        Format = r.Format,
        Http = new HttpInfo(r.IsReply == true ? "" : "GET", "http://app:8080/items") { IsResponse = r.IsReply == true, Code = r.IsReply == true ? 200 : null },
    };
}
