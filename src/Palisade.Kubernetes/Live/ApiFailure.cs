using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// What went wrong talking to the API server, in one line that names the cluster and says what to do: the server
/// cannot be reached, its certificate is not trusted, the credentials are refused (401), a read is forbidden (403,
/// pointing to deploy/rbac.yaml), the connection dropped or the server did not answer in time.
/// </summary>
internal static class ApiFailure
{
    /// <summary>Where the least-privilege role is defined, for the 403 message.</summary>
    public const string RbacHint = "palisade needs get, list and watch on the kinds it reads: bind the ClusterRole palisade-reader of deploy/rbac.yaml, or add --allow-partial to read only what is allowed";

    /// <summary>The HTTP status of a failed answer, or null when there was no answer.</summary>
    public static int? Status(Exception e) => e is HttpOperationException { Response: { } response } ? (int)response.StatusCode : null;

    /// <summary>Whether the request may succeed when tried again: the connection failed or dropped, or the answer was cut short or late.</summary>
    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        HttpOperationException => false,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError } => false,
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or IOException or JsonException => true,
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The server's own message (the Status body's <c>message</c>), or its reason phrase.</summary>
    public static string Message(HttpOperationException e)
    {
        var body = e.Response?.Content;
        if (!string.IsNullOrEmpty(body))
        {
            try
            {
                using var status = JsonDocument.Parse(body);
                if (status.RootElement.ValueKind == JsonValueKind.Object && status.RootElement.TryGetProperty("message", out var message)
                    && message.GetString() is { Length: > 0 } text)
                    return text;
            }
            catch (JsonException)
            {
                // Not a Status (a proxy's HTML page, say): the reason phrase says enough.
            }
        }
        return e.Response?.ReasonPhrase ?? "no message";
    }

    /// <summary>The one-line error for a failure while doing <paramref name="what"/> (e.g. "listing pods").</summary>
    public static InvalidInputException Describe(Exception e, ApiClient client, string what, TimeSpan timeout) =>
        new(null, null, null, $"{client.Name}: {Problem(e, what, timeout)}", e);

    private static string Problem(Exception e, string what, TimeSpan timeout) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } =>
            "the API server refused the credentials (401 Unauthorized): the token or client certificate is wrong or has expired",
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } failed => $"{Message(failed)}; {RbacHint}",
        HttpOperationException failed => $"{what}: the API server answered {Status(failed)} {failed.Response?.ReasonPhrase}: {Message(failed)}",
        HttpRequestException { InnerException: AuthenticationException tls } =>
            $"TLS handshake with the API server failed: {tls.Message} (its certificate is not signed by the kubeconfig's certificate-authority, or the address is not in it)",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } failed => $"TLS handshake with the API server failed: {failed.Message}",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } failed => $"cannot resolve the API server's name: {failed.Message}",
        HttpRequestException { InnerException: SocketException socket } => $"cannot reach the API server: {socket.Message}",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } failed => $"cannot reach the API server: {failed.Message}",
        OperationCanceledException => $"{what}: no answer within {timeout.TotalSeconds:0.#} s, twice",
        _ => $"{what}: the connection dropped, twice ({e.Message})",
    };
}
