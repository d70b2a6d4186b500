using k8s.Autorest;
using Palisade.Kubernetes.Live;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// Watches a live cluster: discovery says which kinds Palisade reads the server serves, then one
/// <see cref="Reflector"/> per kind lists and watches it and reports every change to the sink, in Core's terms
/// (the client's types never leave this project). Start with <see cref="ConnectAsync"/>, run with <see cref="RunAsync"/>.
/// Thread-safe for readers of <see cref="Kinds"/> and <see cref="Statistics"/>.
/// </summary>
public sealed class ClusterWatch : IDisposable
{
    private readonly ApiClient _client;
    private readonly IReadOnlyList<WatchedKind> _kinds;
    private readonly WatchOptions _options;

    private ClusterWatch(ApiClient client, IReadOnlyList<WatchedKind> kinds, WatchOptions options, string name)
    {
        _client = client;
        _kinds = kinds;
        _options = options;
        Name = name;
    }

    /// <summary>The kinds watched, in order.</summary>
    public IReadOnlyList<string> Kinds => [.. _kinds.Select(k => k.Kind)];

    /// <summary>How messages name the cluster: the kubeconfig's context and server, or the in-cluster configuration.</summary>
    public string Name { get; }

    /// <summary>What the reflectors did so far.</summary>
    public WatchStatistics Statistics { get; } = new();

    /// <summary>
    /// Connects and runs discovery; throws <see cref="InvalidInputException"/> with one line when it cannot.
    /// </summary>
    public static async Task<ClusterWatch> ConnectAsync(ClusterConnection connection, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (config, name) = (connection.Config, connection.Name);
        var client = new ApiClient(config, name);
        try
        {
            var kinds = await WatchCatalog.DiscoverAsync(client, cancellationToken).ConfigureAwait(false);
            return new ClusterWatch(client, kinds, options ?? new WatchOptions(), name);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            client.Dispose();
            var detail = e is HttpOperationException h && h.Response is { } r ? $"status {(int)r.StatusCode}: {r.Content?.Trim()}" : e.Message;
            throw new InvalidInputException(null, null, "--kubeconfig", $"{name}: cannot read the API discovery documents: {detail}");
        }
    }

    /// <summary>Runs every reflector until cancelled.</summary>
    public Task RunAsync(IWatchSink sink, CancellationToken cancellationToken) =>
        Task.WhenAll(_kinds.Select(kind => Task.Run(() => new Reflector(_client, kind, sink, _options, Statistics).RunAsync(cancellationToken), CancellationToken.None)));

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
