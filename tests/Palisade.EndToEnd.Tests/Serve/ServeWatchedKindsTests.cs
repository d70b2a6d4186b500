using Microsoft.Extensions.Logging;
using Palisade.Server;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// <c>palisade serve</c> watches every kind a live read of the CLI reads, at the same versions: its connectivity is what
/// <c>palisade connectivity --kubeconfig</c> answers on the same cluster, custom kinds included. On the fake API server:
/// the real test server (1.20, built with a newer Go) crashes on creating a custom resource.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ServeWatchedKindsTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: monitoring}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]}]
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: k8s, namespace: monitoring}
        spec: {podMetadata: {labels: {team: sre}}}
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connectivity_includes_the_kinds_a_live_read_reads_as_palisade_connectivity_does()
    {
        await using var api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddManifests(Manifests);
        var directory = Directory.CreateTempSubdirectory("palisade-kinds-").FullName;
        var kubeconfig = api.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var run = CliRun.Of("connectivity", "--kubeconfig", kubeconfig);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("monitoring/prometheus-k8s[StatefulSet] => shop/web[Pod]", run.Output, StringComparison.Ordinal);

        await using var server = await ServerHost.StartAsync(new ServeOptions
        {
            Listen = "127.0.0.1:0",
            Kubeconfig = kubeconfig,
            InsecureNoAuth = true,
            DataDirectory = directory,
            Detect = false,
        }, Cancel, logging => logging.SetMinimumLevel(LogLevel.Warning));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (server.State.Live!.Current is null && DateTime.UtcNow < deadline)
            await Task.Delay(50, Cancel);
        using var client = new HttpClient { BaseAddress = server.Address };

        Assert.Equal(run.Output, await client.GetStringAsync("api/v1/connectivity?format=txt", Cancel));
    }
}
