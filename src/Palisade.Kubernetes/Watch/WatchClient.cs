using k8s;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// The official client, for its credentials, TLS and HTTP/2, asked for raw responses: lists are read as JSON pages
/// and watches as line streams handed to the client's own <see cref="Watcher{T}"/>. A failed status is thrown as the
/// client's HttpOperationException. Thread-safe, as the client is.
/// </summary>
internal sealed class WatchClient(KubernetesClientConfiguration config) : k8s.Kubernetes(config)
{
    /// <summary>Sends a GET for the path (relative to the server, with its query); the body is left unread, to be streamed.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        SendRequest<object?>(path.TrimStart('/'), HttpMethod.Get, null, null, cancellationToken);
}
