using System.Net;

namespace Palisade.Server;

/// <summary>What <c>palisade serve</c> is told: where to listen and how to secure it, the cluster, the store and queue, limits and retention.</summary>
public sealed record ServeOptions
{
    /// <summary>The address and port to listen on (<c>127.0.0.1:8080</c>; <c>[::1]:8080</c>, <c>0.0.0.0:8443</c>).</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>The cluster to watch: a kubeconfig; null watches the in-cluster configuration when running in a pod, else nothing.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use.</summary>
    public string? Context { get; init; }

    /// <summary>Whether to watch no cluster at all (ingestion and detection only).</summary>
    public bool NoWatch { get; init; }

    /// <summary><c>sqlite:FILE</c> or <c>postgres://…</c>; null means <c>sqlite:</c> DATA-DIR<c>/palisade.db</c>.</summary>
    public string? Store { get; init; }

    /// <summary>Where the embedded store lives by default.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory();

    /// <summary><c>nats://host:port</c>: ingest through a JetStream stream that every replica consumes; null ingests straight into the store.</summary>
    public string? Queue { get; init; }

    /// <summary>A file of static bearer tokens, one a line: <c>TOKEN[,USER]</c>.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Whether bearer tokens are checked with the cluster (TokenReview, then SubjectAccessReview per path).</summary>
    public bool KubernetesAuth { get; init; }

    /// <summary>Whether to serve without authentication (only on a loopback address).</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>The TLS certificate (PEM); with <see cref="TlsKey"/>, the service speaks HTTPS.</summary>
    public string? TlsCert { get; init; }

    /// <summary>The TLS private key (PEM).</summary>
    public string? TlsKey { get; init; }

    /// <summary>The largest request body accepted, and the largest a gzip body may inflate to.</summary>
    public long MaxBodyBytes { get; init; } = 16 << 20;

    /// <summary>Records accepted and not yet committed, at most; beyond, ingestion answers 429.</summary>
    public int QueueCapacity { get; init; } = 200_000;

    /// <summary>How long records, alerts and changes are kept.</summary>
    public TimeSpan? RetentionAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How large the record store may grow, in bytes (null: no limit).</summary>
    public long? RetentionBytes { get; init; }

    /// <summary>Users whose writes to network policies are not tampering.</summary>
    public IReadOnlyList<string> TrustedUsers { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>How long one watch request stays open before the server ends it and the reflector resumes it.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the API discovery is read again, so that a kind whose CRD is installed later is watched.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this replica runs detection (with a queue, replicas may leave it to one).</summary>
    public bool Detect { get; init; } = true;

    /// <summary>The listening endpoint, or <see cref="InvalidInputException"/> naming <c>--listen</c>.</summary>
    public IPEndPoint ListenEndPoint()
    {
        var text = Listen.StartsWith(':') ? "127.0.0.1" + Listen : Listen;
        if (text.StartsWith("localhost:", StringComparison.Ordinal))
            text = "127.0.0.1" + text["localhost".Length..];
        if (IPEndPoint.TryParse(text, out var endpoint) && (endpoint.Port > 0 || text.EndsWith(":0", StringComparison.Ordinal)))
            return endpoint;
        throw new InvalidInputException(null, null, "--listen", $"\"{Listen}\" is not ADDRESS:PORT (127.0.0.1:8080, [::1]:8080, 0.0.0.0:8443)");
    }

    /// <summary>The store address in force.</summary>
    public string StoreAddress => Store ?? "sqlite:" + Path.Combine(DataDirectory, "palisade.db");

    private static string DefaultDataDirectory()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "palisade");
    }

    /// <summary>Checks the options against each other; <see cref="InvalidInputException"/> with the option at fault.</summary>
    public void Validate()
    {
        var endpoint = ListenEndPoint();
        if (InsecureNoAuth && !IPAddress.IsLoopback(endpoint.Address))
            throw new InvalidInputException(null, null, "--insecure-no-auth", $"allowed only when listening on a loopback address, not {endpoint.Address}");
        if (!InsecureNoAuth && TokenFile is null && !KubernetesAuth)
            throw new InvalidInputException(null, null, "--token-file", "authentication is required: give --token-file FILE or --auth kubernetes (or --insecure-no-auth on a loopback address)");
        if (TokenFile is not null && !File.Exists(TokenFile))
            throw new InvalidInputException(null, null, "--token-file", $"no such file: {TokenFile}");
        if ((TlsCert is null) != (TlsKey is null))
            throw new InvalidInputException(null, null, TlsCert is null ? "--tls-cert" : "--tls-key", "--tls-cert and --tls-key go together");
        foreach (var (file, option) in new[] { (TlsCert, "--tls-cert"), (TlsKey, "--tls-key") })
        {
            if (file is not null && !File.Exists(file))
                throw new InvalidInputException(null, null, option, $"no such file: {file}");
        }
        if (KubernetesAuth && NoWatch && Kubeconfig is null)
            throw new InvalidInputException(null, null, "--auth", "--auth kubernetes needs a cluster to ask: give --kubeconfig or run in a pod");
        if (MaxBodyBytes < 1024)
            throw new InvalidInputException(null, null, "--max-body-bytes", "must be at least 1024");
        if (QueueCapacity < 1)
            throw new InvalidInputException(null, null, "--queue-capacity", "must be at least 1");
        if (Queue is not null && !(Uri.TryCreate(Queue, UriKind.Absolute, out var queue) && queue.Scheme is "nats" or "tls"))
            throw new InvalidInputException(null, null, "--queue", $"\"{Queue}\" is not a NATS address (nats://host:port)");
    }
}
