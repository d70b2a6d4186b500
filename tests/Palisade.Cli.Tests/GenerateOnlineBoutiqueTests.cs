using System.Globalization;
using System.Text;
using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// <c>generate</c> on the corpus' Online Boutique (its manifests and policies) with generated traffic: a running
/// state (one pod per Deployment with an address, CoreDNS in kube-system) and the calls of its documented
/// architecture, each with DNS lookups and replies. The proof holds, every workload keeps DNS to the CoreDNS
/// pods, only the calls seen are added, and lint finds no high finding the policies introduce.
/// </summary>
public sealed class GenerateOnlineBoutiqueTests : IDisposable
{
    private static readonly (string App, int Port)[] Services =
    [
        ("adservice", 9555), ("cartservice", 7070), ("checkoutservice", 5050), ("currencyservice", 7000), ("emailservice", 8080),
        ("frontend", 8080), ("loadgenerator", 0), ("paymentservice", 50051), ("productcatalogservice", 3550),
        ("recommendationservice", 8080), ("redis-cart", 6379), ("shippingservice", 50051),
    ];

    private static readonly (string From, string To)[] Calls =
    [
        ("loadgenerator", "frontend"),
        ("frontend", "productcatalogservice"), ("frontend", "currencyservice"), ("frontend", "cartservice"), ("frontend", "recommendationservice"),
        ("frontend", "shippingservice"), ("frontend", "checkoutservice"), ("frontend", "adservice"),
        ("checkoutservice", "productcatalogservice"), ("checkoutservice", "shippingservice"), ("checkoutservice", "paymentservice"),
        ("checkoutservice", "emailservice"), ("checkoutservice", "currencyservice"), ("checkoutservice", "cartservice"),
        ("recommendationservice", "productcatalogservice"),
        ("cartservice", "redis-cart"),
    ];

    private const string Dns = "10.244.1.2";
    private readonly TempDirectory _temp = new();
    private static string Manifests => RepoPaths.Corpus("manifests", "online-boutique");

    public void Dispose() => _temp.Dispose();

    private static string Ip(string app) => $"10.244.1.{10 + Array.FindIndex(Services, s => s.App == app)}";

    private static int Port(string app) => Array.Find(Services, s => s.App == app).Port;

    /// <summary>The running state: a node, CoreDNS and its Service, a ReplicaSet and a pod with an address per Deployment.</summary>
    private string State()
    {
        var text = new StringBuilder("""
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: kube-system, labels: {kubernetes.io/metadata.name: kube-system}}}
            - apiVersion: v1
              kind: Node
              metadata: {name: node-1}
              spec: {podCIDR: 10.244.1.0/24}
              status: {addresses: [{type: InternalIP, address: 10.0.1.11}]}
            - apiVersion: v1
              kind: Service
              metadata: {name: kube-dns, namespace: kube-system}
              spec:
                clusterIP: 10.96.0.10
                selector: {k8s-app: kube-dns}
                ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}, {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}]
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: coredns, namespace: kube-system}
              spec:
                selector: {matchLabels: {k8s-app: kube-dns}}
                template:
                  metadata: {labels: {k8s-app: kube-dns}}
                  spec: {containers: [{name: coredns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53, protocol: TCP}]}]}

            """);
        foreach (var (app, port) in Services.Append(("coredns", 53)))
        {
            var ns = app == "coredns" ? "kube-system" : "default";
            var labels = app == "coredns" ? "{k8s-app: kube-dns, pod-template-hash: 5d78c}" : $"{{app: {app}, pod-template-hash: 5d78c}}";
            var ports = port == 0 ? "" : $", ports: [{{containerPort: {port}, protocol: {(app == "coredns" ? "UDP" : "TCP")}}}]";
            var containers = $"containers: [{{name: main, image: x{ports}}}]";
            var ip = app == "coredns" ? Dns : Ip(app);
            text.AppendLine(CultureInfo.InvariantCulture, $"- {{apiVersion: apps/v1, kind: ReplicaSet, metadata: {{name: {app}-5d78c, namespace: {ns}, labels: {labels}, " +
                $"ownerReferences: [{{apiVersion: apps/v1, kind: Deployment, name: {app}, uid: d-{app}, controller: true}}]}}, " +
                $"spec: {{selector: {{matchLabels: {labels}}}, template: {{metadata: {{labels: {labels}}}, spec: {{{containers}}}}}}}}}");
            text.AppendLine(CultureInfo.InvariantCulture, $"- {{apiVersion: v1, kind: Pod, metadata: {{name: {app}-5d78c-q7x2k, namespace: {ns}, labels: {labels}, " +
                $"ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: {app}-5d78c, uid: o-{app}, controller: true}}]}}, " +
                $"spec: {{nodeName: node-1, {containers}}}, status: {{phase: Running, hostIP: 10.0.1.11, podIP: {ip}}}}}");
        }
        var path = _temp.File("state.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Three rounds of every call, each preceded by the caller's DNS lookup and followed by the replies.</summary>
    private string Traffic()
    {
        var lines = new List<string> { "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict" };
        var time = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var port = 40000;
        for (var round = 0; round < 3; round++)
        {
            foreach (var (from, to) in Calls)
            {
                foreach (var (destination, destinationPort, protocol) in new[] { (Dns, 53, "UDP"), (Ip(to), Port(to), "TCP") })
                {
                    port++;
                    time = time.AddSeconds(7);
                    lines.Add($"{time:yyyy-MM-ddTHH:mm:ssZ},{Ip(from)},{port},{destination},{destinationPort},{protocol},120,FORWARDED");
                    lines.Add($"{time.AddMilliseconds(50):yyyy-MM-ddTHH:mm:ss.fffZ},{destination},{destinationPort},{Ip(from)},{port},{protocol},300,FORWARDED");
                }
            }
        }
        var path = _temp.File("traffic.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string[] Lines(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void The_proof_holds_DNS_keeps_working_and_only_the_calls_seen_are_added()
    {
        var state = State();
        var traffic = Traffic();
        var output = _temp.File("generated");
        var report = Lines(CliRun.Of("generate", "--flows", traffic, "--cluster", Manifests, state, "--out", output));
        var edges = Calls.Length + Calls.Select(c => c.From).Distinct().Count();
        Assert.Contains($"  (a) observed traffic allowed: {edges} of {edges} edges ({Calls.Length * 2 * 3} connections)", report);
        Assert.Contains("proof holds", report);
        Assert.Equal(Services.Length + 1, Directory.GetFiles(output, "*.yaml", SearchOption.AllDirectories).Length);

        var before = Lines(CliRun.Of("connectivity", Manifests, state));
        var after = Lines(CliRun.Of("connectivity", Manifests, state, output));
        foreach (var (app, _) in Services)
            Assert.Contains($"default/{app}[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53", after);
        var calls = Calls.Select(c => $"default/{c.From}[Deployment] => default/{c.To}[Deployment] : TCP {Port(c.To)}").ToArray();
        // A call the existing policies already allowed entirely (anything to the frontend) stays as it was.
        Assert.All(calls, call => Assert.True(after.Contains(call) || before.Contains(call[..call.LastIndexOf(':')] + ": All Connections"), call));
        Assert.DoesNotContain(after.Except(before).Except(calls), l => !l.EndsWith("=> kube-system/coredns[Deployment] : TCP 53,UDP 53", StringComparison.Ordinal));

        Assert.Empty(HighFindings(Manifests, state, output).Except(HighFindings(Manifests, state)));
    }

    [Fact]
    public void Generating_again_gives_the_same_bytes()
    {
        var state = State();
        var traffic = Traffic();
        var first = CliRun.Of("generate", "--flows", traffic, "--cluster", Manifests, state);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Output, CliRun.Of("generate", "--flows", traffic, "--cluster", Manifests, state).Output);
    }

    private static HashSet<string> HighFindings(params string[] paths)
    {
        var run = CliRun.Of(["lint", .. paths, "-o", "json"]);
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        return [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() is "high" or "critical")
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("message").GetString()}")];
    }
}
