using System.Text.Json;
using k8s.Autorest;
using Palisade.Kubernetes.Live;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// Watches a live cluster: discovery says which kinds Palisade reads the server serves, then one
/// <see cref="Reflector"/> per kind lists and watches it and reports every change to the sink, in Core's terms
/// (the client's types never leave this project). Start with <see cref="ConnectAsync"/>, run with <see cref="RunAsync"/>.
/// Discovery is read again every <see cref="WatchOptions.DiscoveryInterval"/>: a kind served since (a CRD installed) gets
/// its reflector then; a kind no longer served (its CRD deleted, and with it its objects) ends its reflector, which says so.
/// Thread-safe for readers of <see cref="Kinds"/> and <see cref="Statistics"/>.
/// </summary>
public sealed class ClusterWatch : IDisposable
{
    private readonly ApiClient _client;
    private IReadOnlyList<WatchedKind> _kinds;
    private readonly WatchOptions _options;

    private ClusterWatch(ApiClient client, IReadOnlyList<WatchedKind> kinds, WatchOptions options, string name)
    {
        _client = client;
        _kinds = kinds;
        _options = options;
        Name = name;
    }

    /// <summary>The kinds watched, in order (those served at the last discovery).</summary>
    public IReadOnlyList<string> Kinds => [.. Volatile.Read(ref _kinds).Select(k => k.Kind)];

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
        catch (InvalidInputException)
        {
            client.Dispose();
            throw;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            client.Dispose();
            var detail = e is HttpOperationException h && h.Response is { } r ? $"status {(int)r.StatusCode}: {r.Content?.Trim()}" : e.Message;
            throw new InvalidInputException(null, null, "--kubeconfig", $"{name}: cannot read the API discovery documents: {detail}");
        }
    }

    /// <summary>Runs every reflector until cancelled, starting one for each kind discovery finds served later.</summary>
    public async Task RunAsync(IWatchSink sink, CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        void Start(WatchedKind kind) =>
            running[kind.Kind] = Task.Run(() => new Reflector(_client, kind, sink, _options, Statistics).RunAsync(cancellationToken), CancellationToken.None);
        foreach (var kind in _kinds)
            Start(kind);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.DiscoveryInterval, cancellationToken).ConfigureAwait(false);
                var served = await WatchCatalog.DiscoverAsync(_client, cancellationToken).ConfigureAwait(false);
                foreach (var kind in served)
                {
                    if (running.TryGetValue(kind.Kind, out var reflector) && !reflector.IsCompleted)
                        continue;
                    sink.Note(kind.Kind, $"{kind.Resource} is served now (its CRD was installed): watching it");
                    Start(kind);
                }
                Volatile.Write(ref _kinds, served);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is InvalidInputException or HttpOperationException or HttpRequestException or IOException or JsonException or TaskCanceledException)
            {
                sink.Note("discovery", $"reading the API discovery documents again failed: {e.Message}; the kinds watched stay as they are");
            }
        }
        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
