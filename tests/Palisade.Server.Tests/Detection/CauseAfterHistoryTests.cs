using System.Text;
using System.Text.Json.Nodes;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Server.Detection;
using Palisade.Server.Storage;
using Palisade.Server.Watch;
using Palisade.Testing;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// A via-policy-change alert keeps the cause it was named by after the state its change made has left the live history
/// (the service keeps 256 states), when it is looked at again because new audited writes came.
/// </summary>
public sealed class CauseAfterHistoryTests
{
    private const string Before = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}}
        spec: {nodeName: node-1, containers: [{name: r, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
        """;

    private const string AllowReport = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-report, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: report}}}]}]
        """;

    private static readonly DateTimeOffset Changed = new(2024, 5, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cause_keeps_its_name_when_its_state_has_left_the_history()
    {
        using var dir = new TempDirectory();
        var before = Snapshot(dir, 1, DateTimeOffset.MinValue, Before, null);
        var change = new ClusterChange(Changed, "", "watch", "added NetworkPolicy shop/allow-report");
        var after = Snapshot(dir, 2, Changed, Before + "\n" + AllowReport, change) with { Touched = [new ObjectTouch("added", "NetworkPolicy shop/allow-report")] };
        var writes = new AuditWrites();
        var detection = new FlowDetection(FlowCheckOptions.Default, "test", TimeSpan.FromHours(1));

        detection.Observe(Flow(Changed.AddSeconds(1), 41000), [before, after]);
        detection.Drain([before, after]);
        var first = Assert.Single(detection.Changed(writes), a => a.Name == "via-policy-change");
        Assert.Equal("create NetworkPolicy shop/allow-report", Cause(first));

        // The history moves on without either state (its oldest kept state valid since the beginning, as LiveCluster
        // keeps it when the history is full); then an audited write of something else arrives.
        var later = Snapshot(dir, 3, DateTimeOffset.MinValue, Before + "\n" + AllowReport, new ClusterChange(Changed.AddMinutes(1), "", "watch", "modified Pod shop/report"));
        detection.Observe(Flow(Changed.AddMinutes(2), 41001), [later]);
        detection.Drain([later]);
        writes.Add(Write("other"));

        var again = detection.Changed(writes).Where(a => a.Name == "via-policy-change").Select(Cause);
        Assert.All(again, cause => Assert.Equal("create NetworkPolicy shop/allow-report", cause));
    }

    private static string Cause(StoredAlert alert)
    {
        var cause = JsonNode.Parse(alert.Json)!["cause"]!;
        return $"{cause["verb"]} {cause["object"]}";
    }

    private static LiveSnapshot Snapshot(TempDirectory dir, long version, DateTimeOffset from, string yaml, ClusterChange? cause)
    {
        var path = dir.File($"state-{version}.yaml");
        File.WriteAllText(path, yaml);
        var cluster = ManifestSource.Load([path]).Cluster;
        var engine = new PolicyEngine(cluster.Network);
        return new LiveSnapshot(version, from, cluster, engine, ConnectivityAnalyzer.Analyze(engine), ObjectStore.Empty) { Cause = cause };
    }

    private static List<FlowRecord> Flow(DateTimeOffset at, int port)
    {
        var line = $"time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},10.244.1.8,{port},10.244.1.7,5432,TCP,60,FORWARDED\n";
        using var input = InputSource.FromStream("flows", new MemoryStream(Encoding.UTF8.GetBytes(line)));
        return [.. FlowReaders.For(FlowFormat.Csv).Read(input, new ReadDiagnostics())];
    }

    private static ReplayedRequest Write(string name)
    {
        var body = "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"" + name
            + "\",\"namespace\":\"elsewhere\"},\"spec\":{\"podSelector\":{}}}";
        var line = AuditLines.Event("create", "networkpolicies", "elsewhere", user: "bob", request: body, response: body, code: 201);
        using var input = InputSource.FromStream("audit", new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")));
        var e = Assert.Single(new AuditEventReader().Read(input, new ReadDiagnostics()));
        return new AuditReplay(ObjectStore.Empty, initialIsComplete: false).Apply(e);
    }
}
