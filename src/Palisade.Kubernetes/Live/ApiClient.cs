using k8s;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// The official client, used for what it does well (kubeconfig credentials and exec plugins, TLS with the cluster's
/// authority, HTTP/2) while the answers are read as streams: a list page is parsed once into JSON and its items mapped
/// one by one, instead of a typed list per kind, and a watch is read line by line (the watch reflectors use it too).
/// Failed statuses come back as the client's HttpOperationException. Thread-safe, as the client is.
/// </summary>
internal sealed class ApiClient(KubernetesClientConfiguration config, string name) : k8s.Kubernetes(config)
{
    /// <summary>How messages name the cluster: the context and server, or the in-cluster configuration.</summary>
    public string Name { get; } = name;

    /// <summary>Sends a GET for the path (relative to the server, with its query) and returns the successful response, body unread.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        SendRequest<object?>(path.TrimStart('/'), HttpMethod.Get, null, null, cancellationToken);
}
