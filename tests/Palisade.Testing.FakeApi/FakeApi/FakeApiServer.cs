using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// An in-process Kubernetes API server for unit tests: real HTTPS (Kestrel on 127.0.0.1, a free port, a self-signed
/// certificate that <see cref="WriteKubeconfig"/> and <see cref="CreateClient"/> trust; plain HTTP on request) serving
/// read-only lists with paging, single objects, watch streams and discovery of the objects a test adds, with bearer
/// token authentication, RBAC-style 403s worded as the real server words them, and injected faults (slow answers,
/// dropped connections, any Status). Every request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    /// <summary>The bearer token of the user <c>admin</c>, known from the start.</summary>
    public const string AdminToken = "fake-admin-token";

    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly FakeObjectStore store = new();
    private readonly Lock gate = new();
    private readonly List<FakeResource> served = [.. FakeResources.BuiltIn];
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal) { [AdminToken] = "admin" };
    private readonly List<FaultRule> faults = [];
    private readonly List<Func<FakeRequest, bool>> forbidden = [];
    private readonly Dictionary<FakeResource, Queue<WatchScript>> watchScripts = [];
    private readonly List<FakeRequest> requests = [];

    private FakeApiServer(WebApplication app) => this.app = app;

    /// <summary>The server's address, <c>https://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Starts a server that serves Kubernetes' own resources, with no objects yet; over plain HTTP when
    /// <paramref name="https"/> is false (kubectl and client-go send no bearer token over it: they get 401s).
    /// </summary>
    public static async Task<FakeApiServer> StartAsync(bool https = true, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https)
                listen.UseHttps(FakeCertificate.Certificate);
        }));
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The resources served now: the built-in ones and the custom ones installed.</summary>
    public IReadOnlyList<FakeResource> Served
    {
        get { lock (gate) return [.. served]; }
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (gate) return [.. requests]; }
    }

    /// <summary>The resourceVersion of the newest object.</summary>
    public long ResourceVersion => store.Revision;

    /// <summary>
    /// Serves the resource from now on, in place of one of the same group and name (another version, say). A custom
    /// resource also gets its CustomResourceDefinition, as installing it on a real cluster would.
    /// </summary>
    public void Serve(FakeResource resource)
    {
        lock (gate)
        {
            served.RemoveAll(r => r.Group == resource.Group && r.Plural == resource.Plural);
            served.Add(resource);
        }
        if (resource.Custom)
            store.Put(FakeResources.CustomResourceDefinitions, CustomResourceDefinition(resource));
    }

    /// <summary>
    /// Stops serving the resource, as deleting its CustomResourceDefinition does: discovery no longer lists it and its
    /// requests get 404 (watches already open run until their timeoutSeconds).
    /// </summary>
    public void Unserve(FakeResource resource)
    {
        lock (gate)
            served.Remove(resource);
    }

    /// <summary>
    /// Stores a copy of the object under the resource its apiVersion and kind name, serving a known custom resource
    /// first if needed, and returns the stored copy (with its resourceVersion).
    /// </summary>
    public JsonObject Add(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("the object has no apiVersion", nameof(obj));
        var kind = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("the object has no kind", nameof(obj));
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.LastIndexOf('/')] : "";
        var resource = Served.FirstOrDefault(r => r.Group == group && r.Kind == kind);
        if (resource is null)
        {
            resource = FakeResources.CustomKnown.FirstOrDefault(r => r.Group == group && r.Kind == kind)
                ?? throw new ArgumentException($"the fake serves no {kind} in group '{group}'; Serve it first", nameof(obj));
            Serve(resource);
        }
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = resource.GroupVersion;
        return store.Put(resource, copy);
    }

    /// <summary>Adds every object of the (multi-document) YAML manifests.</summary>
    public void AddManifests(string yaml)
    {
        foreach (var obj in ManifestYaml.ToJson(yaml))
            Add(obj);
    }

    /// <summary>Accepts the bearer token as the user's from now on.</summary>
    public void AddUser(string token, string user)
    {
        lock (gate)
            users[token] = user;
    }

    /// <summary>Answers 403 to authenticated requests for which the predicate holds (it sees the user).</summary>
    public void Forbid(Func<FakeRequest, bool> when)
    {
        lock (gate)
            forbidden.Add(when);
    }

    /// <summary>
    /// Applies the fault to the next <paramref name="times"/> requests the predicate holds for (every request when
    /// it is null). Faults come before authentication, as from a proxy in front of the server; the oldest matching
    /// rule wins.
    /// </summary>
    public void Inject(FakeFault fault, Func<FakeRequest, bool>? when = null, int times = int.MaxValue)
    {
        lock (gate)
            faults.Add(new FaultRule(when ?? (_ => true), fault, times));
    }

    /// <summary>The next watch of the resource (any namespace) plays this script; later ones the next, then hold.</summary>
    public void EnqueueWatch(FakeResource resource, WatchScript script)
    {
        lock (gate)
        {
            if (!watchScripts.TryGetValue(resource, out var queue))
                watchScripts[resource] = queue = new Queue<WatchScript>();
            queue.Enqueue(script);
        }
    }

    /// <summary>
    /// Writes a kubeconfig for this server and the token's user, trusting the server's certificate through
    /// certificate-authority-data as a real kubeconfig does, and returns its path.
    /// </summary>
    public string WriteKubeconfig(string path, string token = AdminToken)
    {
        var authority = BaseAddress.Scheme == Uri.UriSchemeHttps ? $", certificate-authority-data: {FakeCertificate.AuthorityData}" : "";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster: {"{"}server: "{BaseAddress.ToString().TrimEnd('/')}"{authority}{"}"}
            users:
            - name: fake
              user: {"{"}token: "{token}"{"}"}
            contexts:
            - name: fake
              context: {"{"}cluster: fake, user: fake{"}"}
            current-context: fake

            """);
        return path;
    }

    /// <summary>An HTTP client for the server that trusts its certificate and sends the token (none when null).</summary>
    public HttpClient CreateClient(string? token = AdminToken)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => FakeCertificate.IsPresented(cert) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var request = Parse(context.Request);
        lock (gate)
            requests.Add(request);
        try
        {
            var fault = TakeFault(request);
            if (fault?.Kind == FakeFaultKind.Slow)
                await Task.Delay(fault.Delay, linked.Token);
            if (fault?.Kind == FakeFaultKind.Drop)
            {
                context.Abort();
                return;
            }
            var answer = fault?.Kind == FakeFaultKind.Fail ? FakeAnswer.Of(fault.Status!) : Answer(request);
            if (answer is null)
                await new WatchStream(request, store, NextWatchScript(request.Resource!)).WriteAsync(context, fault?.Kind == FakeFaultKind.DropMidBody, linked.Token);
            else
                await answer.WriteAsync(context, fault?.Kind == FakeFaultKind.DropMidBody, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client left or the server is stopping: nothing more to send.
        }
    }

    private FakeRequest Parse(HttpRequest http)
    {
        var header = http.Headers.Authorization.ToString();
        string? user = null;
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            lock (gate)
                user = users.GetValueOrDefault(header["Bearer ".Length..].Trim());
        }
        var resources = Served;
        return FakeRequest.Parse(http.Method, http.Path.Value ?? "/", name => http.Query[name].FirstOrDefault(), user,
            (g, v, p) => resources.FirstOrDefault(r => r.Group == g && r.Version == v && r.Plural == p));
    }

    /// <summary>The answer to a request, or null for a watch, which streams.</summary>
    private FakeAnswer? Answer(FakeRequest request)
    {
        if (request.User is null)
            return FakeAnswer.Of(KubeStatus.Unauthorized());
        if (request.Resource is not { } resource)
        {
            return DiscoveryDocuments.For(request.Path, Served, BaseAddress.Authority) is { } document
                ? new FakeAnswer(200, document)
                : FakeAnswer.PageNotFound;
        }
        bool denied;
        lock (gate)
            denied = forbidden.Any(f => f(request));
        if (denied)
            return FakeAnswer.Of(KubeStatus.Forbidden(request));
        return request.Verb switch
        {
            "get" => store.Get(resource, request.Namespace, request.Name!) is { } obj
                ? new FakeAnswer(200, obj)
                : FakeAnswer.Of(KubeStatus.NotFound(resource, request.Name!)),
            "list" => FakeAnswer.Of(ListPager.Page(request, store.List(resource, request.Namespace), store.Revision)),
            _ => null,
        };
    }

    private FakeFault? TakeFault(FakeRequest request)
    {
        lock (gate)
        {
            var rule = faults.FirstOrDefault(r => r.Remaining > 0 && r.When(request));
            if (rule is null)
                return null;
            rule.Remaining--;
            return rule.Fault;
        }
    }

    private WatchScript NextWatchScript(FakeResource resource)
    {
        lock (gate)
            return watchScripts.TryGetValue(resource, out var queue) && queue.TryDequeue(out var script) ? script : WatchScript.Hold();
    }

    private static JsonObject CustomResourceDefinition(FakeResource resource) => new()
    {
        ["apiVersion"] = FakeResources.CustomResourceDefinitions.GroupVersion,
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = resource.QualifiedName },
        ["spec"] = new JsonObject
        {
            ["group"] = resource.Group,
            ["names"] = new JsonObject { ["plural"] = resource.Plural, ["kind"] = resource.Kind },
            ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
            ["versions"] = new JsonArray(new JsonObject { ["name"] = resource.Version, ["served"] = true, ["storage"] = true }),
        },
    };

    private sealed class FaultRule(Func<FakeRequest, bool> when, FakeFault fault, int remaining)
    {
        public Func<FakeRequest, bool> When { get; } = when;

        public FakeFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
