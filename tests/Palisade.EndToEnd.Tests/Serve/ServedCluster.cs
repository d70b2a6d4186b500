using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Palisade.EndToEnd.Tests.Cluster;
using Palisade.Server;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// A real kube-apiserver whose audit webhook points at a <c>palisade serve</c> (HTTPS with a self-signed certificate,
/// static tokens, a SQLite store) that watches it through a <see cref="LoopbackProxy"/>. The apiserver keeps no
/// watch cache for NetworkPolicies, so that their watches are served by etcd, and a watch resumed from before a
/// compaction (<see cref="CompactAsync"/>) gets 410 <c>Expired</c>.
/// The audit policy is <c>palisade audit-policy</c>'s.
/// </summary>
public sealed class ServedCluster : IAsyncLifetime
{
    /// <summary>The token the tests send.</summary>
    public const string Token = "serve-e2e-token-0123456789";

    private const string WebhookToken = "serve-e2e-webhook-token-0123456789";
    private string directory = "";

    /// <summary>The apiserver.</summary>
    public KubeApiServer Api { get; private set; } = null!;

    /// <summary>The relay the service watches through.</summary>
    public LoopbackProxy Proxy { get; private set; } = null!;

    /// <summary>The service.</summary>
    public RunningServer Server { get; private set; } = null!;

    /// <summary>A client for the service with <see cref="Token"/>.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        directory = Directory.CreateTempSubdirectory("palisade-serve-e2e-").FullName;
        var port = LoopbackPorts.Free();
        var (cert, key) = SelfSignedCertificate.Write(directory);
        var policy = Path.Combine(directory, "audit-policy.yaml");
        File.WriteAllText(policy, CliRun.Of("audit-policy").Output);
        var webhook = Path.Combine(directory, "audit-webhook.kubeconfig");
        File.WriteAllText(webhook, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: palisade
              cluster: {server: "https://127.0.0.1:{{port}}/api/v1/ingest/audit", insecure-skip-tls-verify: true}
            users:
            - name: apiserver
              user: {token: "{{WebhookToken}}"}
            contexts:
            - name: palisade
              context: {cluster: palisade, user: apiserver}
            current-context: palisade
            """);
        Api = new KubeApiServer
        {
            ExtraFlags = $"--audit-policy-file={policy} --audit-webhook-config-file={webhook} --audit-webhook-batch-max-wait=1s " +
                         "--watch-cache-sizes=networkpolicies.networking.k8s.io#0",
        };
        await Api.InitializeAsync();
        if (Api.StateDirectory.Length == 0)
            return;
        Proxy = new LoopbackProxy(Api.Port);
        var kubeconfig = Path.Combine(directory, "proxied.kubeconfig");
        File.WriteAllText(kubeconfig, File.ReadAllText(Api.KubeconfigPath).Replace($"127.0.0.1:{Api.Port}", $"127.0.0.1:{Proxy.Port}", StringComparison.Ordinal));
        var tokens = Path.Combine(directory, "tokens");
        File.WriteAllText(tokens, $"{WebhookToken},apiserver\n{Token},tester\n");
        Server = await ServerHost.StartAsync(new ServeOptions
        {
            Listen = $"127.0.0.1:{port}",
            Kubeconfig = kubeconfig,
            TokenFile = tokens,
            TlsCert = cert,
            TlsKey = key,
            DataDirectory = directory,
        }, CancellationToken.None, logging => logging.SetMinimumLevel(LogLevel.Warning));
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        Client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Server.State.Live?.Current is null && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
        if (Proxy is not null)
            await Proxy.DisposeAsync();
        if (Api is not null)
            await Api.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in a temp folder are harmless.
        }
    }

    /// <summary>Fails (in CI) or skips when the apiserver could not start.</summary>
    public void Require()
    {
        Api.Require();
        Assert.NotNull(Server);
    }

    /// <summary>Compacts etcd's history up to its current revision (through its JSON gateway), as the apiserver does every few minutes.</summary>
    public async Task CompactAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var etcd = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Api.Port + 1000}/") };
        using var range = await etcd.PostAsync("v3/kv/range", new StringContent("{\"key\":\"AA==\",\"limit\":1}"), cancel);
        range.EnsureSuccessStatusCode();
        var revision = System.Text.Json.Nodes.JsonNode.Parse(await range.Content.ReadAsStringAsync(cancel))!["header"]!["revision"]!.GetValue<string>();
        using var compact = await etcd.PostAsync("v3/kv/compaction", new StringContent($"{{\"revision\":\"{revision}\",\"physical\":true}}"), cancel);
        Assert.True(compact.IsSuccessStatusCode, await compact.Content.ReadAsStringAsync(cancel));
    }

    /// <summary>The service's connectivity now, in txt.</summary>
    public Task<string> ConnectivityAsync() => Client.GetStringAsync("api/v1/connectivity?format=txt", TestContext.Current.CancellationToken);
}

/// <summary>The tests that share one served cluster; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ServedClusterCollection : ICollectionFixture<ServedCluster>
{
    public const string Name = "served-cluster";
}
