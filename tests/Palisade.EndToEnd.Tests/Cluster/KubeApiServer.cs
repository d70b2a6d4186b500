using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// A real kube-apiserver (v1.20, with etcd) on loopback for the tests of one collection, from
/// <c>../shared/tools/kube-apiserver</c>: built once per machine by build.sh, started by start.sh in a fresh folder
/// on free ports, stopped by stop.sh (by the PIDs start.sh recorded) when the collection is done. The folder is
/// made under <c>$PALISADE_E2E_STATE</c> when set, so that .ci/run can stop whatever a crashed run left.
/// When the tools cannot run, <see cref="Require"/> fails tests in CI and skips them elsewhere, with one message.
/// </summary>
public sealed class KubeApiServer : IAsyncLifetime
{
    /// <summary>The static token of <c>admin</c> (group system:masters) that start.sh configures.</summary>
    public const string AdminToken = "palisade-admin-token";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private string? unavailable;

    /// <summary>Extra apiserver flags for this instance (start.sh's PALISADE_KAS_FLAGS), such as an audit webhook.</summary>
    public string ExtraFlags { get; init; } = "";

    /// <summary>The folder holding the kubeconfig, certificates, logs, etcd's data and the PID file.</summary>
    public string StateDirectory { get; private set; } = "";

    /// <summary>The apiserver's secure port on 127.0.0.1 (etcd uses this plus 1000 and 1001).</summary>
    public int Port { get; private set; }

    /// <summary>The admin kubeconfig start.sh wrote.</summary>
    public string KubeconfigPath => Path.Combine(StateDirectory, "kubeconfig");

    /// <summary>The server's address.</summary>
    public Uri Server => new($"https://127.0.0.1:{Port}");

    public async ValueTask InitializeAsync()
    {
        unavailable = MissingPrerequisite();
        if (unavailable is not null)
            return;
        var build = await Task.Run(() => ExternalCommand.Run(Tool("build.sh"), [], new CommandOptions(Timeout: BuildTimeout)));
        if (build.ExitCode != 0)
        {
            unavailable = $"{Tool("build.sh")} failed (exit {build.ExitCode}): {Tail(build.Error)}";
            return;
        }
        unavailable = await Task.Run(StartOnFreePorts);
        if (unavailable is null)
            unavailable = await SystemNamespacesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (StateDirectory.Length == 0)
            return;
        await Task.Run(() => Stop(StateDirectory));
        TryDelete(StateDirectory);
    }

    /// <summary>Fails (in CI) or skips the test when the server could not be started, saying why.</summary>
    public void Require()
    {
        if (unavailable is not null)
            TestEnvironment.Unavailable($"the real kube-apiserver is unavailable: {unavailable}");
    }

    /// <summary>Runs kubectl (the one on PATH) as admin against this server.</summary>
    public CommandResult Kubectl(params string[] args) => KubectlAs(KubeconfigPath, null, args);

    /// <summary>Runs kubectl with this kubeconfig and standard input.</summary>
    public CommandResult KubectlAs(string kubeconfig, string? input, params string[] args) =>
        ExternalCommand.Run("kubectl", ["--kubeconfig", kubeconfig, .. args], new CommandOptions(Input: input, Timeout: TimeSpan.FromMinutes(2)));

    /// <summary>Applies the manifest text; fails the test when the server rejects any of it.</summary>
    public void Apply(string manifests) => KubectlAs(KubeconfigPath, manifests, "apply", "-f", "-").Ok("kubectl apply");

    /// <summary>Applies manifest files or folders (recursively).</summary>
    public void ApplyFiles(params string[] paths) =>
        Kubectl(["apply", "-R", .. paths.SelectMany(p => new[] { "-f", p })]).Ok("kubectl apply " + string.Join(" ", paths));

    /// <summary>
    /// Gives the pod an IP through the status subresource, as a kubelet would (there is none here, so pods stay
    /// Pending without one). Over HTTP rather than kubectl, whose --subresource Debian's kubectl 1.20 lacks.
    /// </summary>
    public async Task SetPodIpAsync(string ns, string pod, string ip)
    {
        using var client = Client(AdminToken);
        using var patch = new StringContent($$$"""{"status":{"podIP":"{{{ip}}}","podIPs":[{"ip":"{{{ip}}}"}]}}""",
            System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await client.PatchAsync($"api/v1/namespaces/{ns}/pods/{pod}/status", patch, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"setting the IP of pod {ns}/{pod}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>
    /// Credentials of the ServiceAccount: a token from the TokenRequest API (1.20 has no token controller without a
    /// controller-manager, but this server signs bound tokens with start.sh's key) and a kubeconfig using it.
    /// </summary>
    public async Task<ServiceAccountCredentials> ServiceAccountAsync(string ns, string name)
    {
        using var client = Client(AdminToken);
        using var request = JsonContent.Create(new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenRequest",
            ["spec"] = new JsonObject { ["expirationSeconds"] = 3600 },
        });
        using var response = await client.PostAsync($"api/v1/namespaces/{ns}/serviceaccounts/{name}/token", request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"a token for {ns}/{name}: {body}");
        var token = JsonNode.Parse(body)!["status"]!["token"]!.GetValue<string>();
        var path = Path.Combine(StateDirectory, $"kubeconfig-{ns}-{name}");
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {server: "{{Server.ToString().TrimEnd('/')}}", insecure-skip-tls-verify: true}
            users:
            - name: {{name}}
              user: {token: "{{token}}"}
            contexts:
            - name: test
              context: {cluster: test, user: {{name}}}
            current-context: test

            """);
        return new ServiceAccountCredentials(path, token);
    }

    /// <summary>
    /// An HTTP client for the server with the bearer token. It must not call itself curl: that makes v1.20
    /// pretty-print, and its vendored reflect2 crashes the server (SIGSEGV) pretty-printing maps when built with
    /// Go 1.18 or later.
    /// </summary>
    public HttpClient Client(string token)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        var client = new HttpClient(handler) { BaseAddress = Server };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Waits until the server has created its own namespaces (default, kube-system, kube-public, kube-node-lease), which
    /// it does shortly after it is ready: a dump taken before and a read taken after would otherwise differ.
    /// </summary>
    private async Task<string?> SystemNamespacesAsync()
    {
        using var client = Client(AdminToken);
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            while (true)
            {
                using var response = await client.GetAsync($"api/v1/namespaces/{ns}");
                if (response.IsSuccessStatusCode)
                    break;
                if (DateTime.UtcNow > deadline)
                    return $"namespace {ns} did not appear within {StartTimeout.TotalMinutes} minutes";
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
        return null;
    }

    private static string? MissingPrerequisite()
    {
        if (!File.Exists(Tool("start.sh")))
            return $"the tools are missing: expected {Tool("start.sh")} (../shared/tools/kube-apiserver beside the repository)";
        var missing = new[] { "kubectl", "etcd", "openssl", "curl" }.Where(c => ExternalCommand.Which(c) is null).ToList();
        if (ExternalCommand.Which("go") is null && !File.Exists(CachedBinary()))
            missing.Add("go");
        return missing.Count == 0
            ? null
            : $"not on PATH: {string.Join(", ", missing)} (.ci/run installs Debian's kubernetes-client, etcd-server and golang-go)";
    }

    /// <summary>Starts the server, trying other ports when another process takes the ones chosen first.</summary>
    private string? StartOnFreePorts()
    {
        var root = Environment.GetEnvironmentVariable("PALISADE_E2E_STATE") is { Length: > 0 } state ? state : Path.GetTempPath();
        var failure = "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dir = Path.Combine(root, $"kube-apiserver-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            var port = FreePortTriple();
            var start = ExternalCommand.Run(Tool("start.sh"), [dir, port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                new CommandOptions(Timeout: StartTimeout, Environment: ExtraFlags.Length == 0 ? null : new Dictionary<string, string?> { ["PALISADE_KAS_FLAGS"] = ExtraFlags }));
            if (start.ExitCode == 0)
            {
                (StateDirectory, Port) = (dir, port);
                return null;
            }
            failure = $"start.sh failed (exit {start.ExitCode}): {Tail(start.Error)} {Tail(ReadOrEmpty(Path.Combine(dir, "apiserver.log")))}";
            Stop(dir);
            TryDelete(dir);
        }
        return failure;
    }

    /// <summary>A port P such that P, P+1000 and P+1001 (apiserver and etcd's two) are free on loopback now.</summary>
    private static int FreePortTriple()
    {
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (port + 1001 <= IPEndPoint.MaxPort && IsFree(port + 1000) && IsFree(port + 1001))
                return port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Stop(string dir) => ExternalCommand.Run(Tool("stop.sh"), [dir], new CommandOptions(Timeout: TimeSpan.FromMinutes(1)));

    private static string Tool(string name) => RepoPaths.SharedTool("kube-apiserver", name);

    private static string CachedBinary() =>
        Path.Combine(Environment.GetEnvironmentVariable("PALISADE_KAS_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "palisade", "kube-apiserver"),
            "bin", "kube-apiserver");

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : "…" + text[^800..].Trim();

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // etcd may still flush for a moment after being killed; a leftover temp folder is harmless.
        }
    }
}
