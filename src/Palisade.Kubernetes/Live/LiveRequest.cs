namespace Palisade.Kubernetes.Live;

/// <summary>
/// Which cluster to read and how: the kubeconfig (or in-cluster configuration) and context, the namespaces that
/// limit namespaced kinds, whether refused kinds may be skipped, and the client's paging and parallelism.
/// </summary>
public sealed record LiveRequest
{
    /// <summary>The kubeconfig file (<c>--kubeconfig</c>); when null, <see cref="KubeconfigVariable"/>, then <see cref="DefaultKubeconfig"/>, then in-cluster configuration.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The context to use instead of the kubeconfig's current-context.</summary>
    public string? Context { get; init; }

    /// <summary>The namespaces namespaced kinds are read from; empty means every namespace. Cluster-scoped kinds are always read whole.</summary>
    public IReadOnlyList<string> Namespaces { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether a kind the server refuses to list (403) is skipped and reported instead of failing the read.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>Objects per list request (<c>limit</c>).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>How many kinds are listed at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How long one request may take, answer included, before it counts as failed (and is tried once more).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The value of <c>KUBECONFIG</c>: kubeconfig files separated by the path separator, merged as kubectl merges them.</summary>
    public string? KubeconfigVariable { get; init; } = Environment.GetEnvironmentVariable("KUBECONFIG");

    /// <summary>The kubeconfig read when neither <see cref="Kubeconfig"/> nor <see cref="KubeconfigVariable"/> is given.</summary>
    public string DefaultKubeconfig { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>Told after every page read, from any thread.</summary>
    public IProgress<ReadProgress>? Progress { get; init; }
}
