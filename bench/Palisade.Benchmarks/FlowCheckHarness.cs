using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Model;

namespace Palisade.Benchmarks;

/// <summary>
/// Times <c>flows check</c> on a synthetic cluster: <c>flows-check SIZE N</c> judges N pre-built records in
/// memory (resolution, orientation, verdicts, every detector), and <c>flows-e2e SIZE N DIR [ONE-IN]</c> writes the
/// cluster and the same traffic as Hubble, CSV and VPC (version 2) files for timing the command end to end.
/// </summary>
public static class FlowCheckHarness
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var (check, rest) = args switch
        {
            ["flows-check", _, _, .. var r] when r.Length <= 1 => (true, r),
            ["flows-e2e", _, _, _, .. var r] when r.Length <= 1 => (false, r),
            _ => (false, (string[]?)null),
        };
        if (rest is null)
        {
            output.WriteLine("usage: flows-check SIZE N [ONE-IN] | flows-e2e SIZE N DIR [ONE-IN]");
            return 2;
        }
        var oneIn = rest.Length == 1 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : DefaultOneIn;
        if (oneIn < 2)
        {
            output.WriteLine("ONE-IN must be at least 2: one flow in ONE-IN goes to a random pod, and one to a public address");
            return 2;
        }
        var (size, count) = (ClusterSize.Named(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture));
        if (check)
            Check(size, count, oneIn, output);
        else
            WriteFiles(size, count, args[3], oneIn);
        return 0;
    }

    private static void Check(ClusterSize size, int count, int oneIn, TextWriter output)
    {
        var snapshot = IngressOnly(SyntheticCluster.Generate(size));
        var records = Records(snapshot, count, oneIn);
        var watch = Stopwatch.StartNew();
        var context = new FlowCheckContext(ClusterHistory.Static(new Cluster(snapshot)));
        var check = new FlowCheck(context, DetectorCatalog.Create());
        var first = Array.FindIndex(records, r => r.IsReply != true);
        for (var i = 0; i <= first; i++)
            check.Observe(records[i]);
        var setup = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (pause, gen0, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
        watch.Restart();
        for (var i = first + 1; i < records.Length; i++)
            check.Observe(records[i]);
        var elapsed = watch.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytesPerFlow = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)(records.Length - first - 1);
        var gc = $"GC pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s ({GC.CollectionCount(0) - gen0} collections, {GC.CollectionCount(2) - gen2} full)";
        var result = check.Result();
        output.WriteLine($"{size.Name}: {snapshot.Pods.Count:N0} pods, one flow in {oneIn} to a random pod and one to a public address, {snapshot.NetworkPolicies.Count:N0} policies; engine, identity classes and first request {setup.TotalSeconds:F2} s");
        output.WriteLine($"judged {records.Length - first - 1:N0} flows in {elapsed.TotalSeconds:F2} s wall, {cpuUsed.TotalSeconds:F2} s CPU: {(records.Length - first - 1) / cpuUsed.TotalSeconds:N0} flows per CPU-second; {bytesPerFlow:F0} bytes allocated per flow; {gc}; {result.Alerts.Count} alerts");
    }

    /// <summary>
    /// One flow in this many goes to a random pod, and one to a public address, unless the command says otherwise:
    /// 10% of unusual traffic, which makes every tenth flow a likely alert.
    /// </summary>
    private const int DefaultOneIn = 20;

    /// <summary>
    /// Seeded traffic as a cluster carries it: most on the connections the policies allow (a few thousand pairs
    /// found by sampling), one in <paramref name="oneIn"/> to random pods (mostly denied: alerts) and as many to
    /// public addresses; a third are replies; 100 flows a second.
    /// </summary>
    internal static FlowRecord[] Records(NetworkSnapshot snapshot, int count, int oneIn = DefaultOneIn)
    {
        var random = new Random(11);
        var pods = snapshot.Pods.Where(p => p.Addresses.Count > 0).ToArray();
        var allowed = AllowedPairs(snapshot, pods, random);
        var records = new FlowRecord[count];
        for (var i = 0; i < count; i++)
        {
            var (source, destination, port) = random.Next(oneIn) switch
            {
                0 => (pods[random.Next(pods.Length)], pods[random.Next(pods.Length)].Addresses[0], 8080),
                1 => (pods[random.Next(pods.Length)], new IPAddress([203, 0, 113, (byte)random.Next(256)]), 443),
                _ => allowed[random.Next(allowed.Count)],
            };
            var reply = random.Next(3) == 0;
            var ephemeral = 32768 + random.Next(28000);
            records[i] = new FlowRecord
            {
                Time = Start.AddMilliseconds(i * 10),
                Source = reply ? destination : source.Addresses[0],
                Destination = reply ? source.Addresses[0] : destination,
                SourcePort = reply ? port : ephemeral,
                DestinationPort = reply ? ephemeral : port,
                Protocol = FlowProtocols.Tcp,
                Verdict = FlowVerdict.Forwarded,
                IsReply = reply,
                Format = FlowFormat.Hubble,
            };
        }
        return records;
    }

    /// <summary>
    /// The synthetic cluster with egress left open: its policies isolate egress too, which no traffic but DNS
    /// would survive; clusters that carry traffic guard ingress first.
    /// </summary>
    internal static NetworkSnapshot IngressOnly(NetworkSnapshot snapshot) => new(
        snapshot.Namespaces.Values, snapshot.Pods,
        snapshot.NetworkPolicies.Where(p => p.Name != "allow-dns").Select(p => p with { PolicyTypes = [Policy.PolicyDirection.Ingress], Egress = [] }),
        snapshot.Services, snapshot.AdminPolicies, snapshot.IngressRoutes);

    /// <summary>Connections the policies admit: for each ingress rule, a pod its peers select to a pod it protects, verified by the engine.</summary>
    private static List<(Pod Source, IPAddress Destination, int Port)> AllowedPairs(NetworkSnapshot snapshot, Pod[] pods, Random random)
    {
        var engine = new Connectivity.PolicyEngine(snapshot);
        var endpoints = engine.Pods.ToDictionary(p => p.Pod);
        var byNamespace = pods.GroupBy(p => p.Namespace).ToDictionary(g => g.Key, g => g.ToArray());
        var pairs = new List<(Pod, IPAddress, int)>();
        foreach (var policy in snapshot.NetworkPolicies)
        {
            if (!byNamespace.TryGetValue(policy.Namespace, out var local))
                continue;
            var targets = local.Where(p => policy.PodSelector.Matches(p.Labels)).ToArray();
            foreach (var rule in policy.Ingress)
            {
                foreach (var peer in rule.Peers.OfType<Policy.SelectorPeer>().Where(p => p.NamespaceSelector is null && p.PodSelector is not null))
                {
                    var sources = local.Where(p => peer.PodSelector!.Matches(p.Labels)).ToArray();
                    if (targets.Length == 0 || sources.Length == 0)
                        continue;
                    var (source, destination) = (sources[random.Next(sources.Length)], targets[random.Next(targets.Length)]);
                    if (engine.Allowed(endpoints[source], endpoints[destination]).Contains(Net.Protocol.Tcp, 8080))
                        pairs.Add((source, destination.Addresses[0], 8080));
                }
            }
        }
        return pairs;
    }

    private static void WriteFiles(ClusterSize size, int count, string directory, int oneIn)
    {
        Directory.CreateDirectory(directory);
        var snapshot = IngressOnly(SyntheticCluster.Generate(size));
        File.WriteAllText(Path.Combine(directory, "cluster.yaml"), SyntheticCluster.ToYaml(snapshot));
        using var hubble = new StreamWriter(Path.Combine(directory, "flows.hubble.json"), false, new UTF8Encoding(false), 1 << 20);
        using var csv = new StreamWriter(Path.Combine(directory, "flows.csv"), false, new UTF8Encoding(false), 1 << 20);
        using var vpc = new StreamWriter(Path.Combine(directory, "flows.vpc.log"), false, new UTF8Encoding(false), 1 << 20);
        csv.Write("time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n");
        vpc.Write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
        foreach (var r in Records(snapshot, count, oneIn))
        {
            var time = r.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            hubble.Write($"{{\"flow\":{{\"time\":\"{time}\",\"verdict\":\"FORWARDED\",\"IP\":{{\"source\":\"{r.Source}\",\"destination\":\"{r.Destination}\",\"ipVersion\":\"IPv4\"}},\"l4\":{{\"TCP\":{{\"source_port\":{r.SourcePort},\"destination_port\":{r.DestinationPort},\"flags\":{{\"ACK\":true}}}}}},\"is_reply\":{(r.IsReply == true ? "true" : "false")},\"traffic_direction\":\"EGRESS\",\"Type\":\"L3_L4\"}},\"node_name\":\"node-1\",\"time\":\"{time}\"}}\n");
            csv.Write($"{time},{r.Source},{r.SourcePort},{r.Destination},{r.DestinationPort},TCP,1200,FORWARDED\n");
            var second = r.Time.ToUnixTimeSeconds();
            vpc.Write($"2 123456789012 eni-0a1b2c3d4e5f67890 {r.Source} {r.Destination} {r.SourcePort} {r.DestinationPort} 6 1 1200 {second} {second + 1} ACCEPT OK\n");
        }
    }
}
