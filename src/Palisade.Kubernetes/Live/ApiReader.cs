using System.Text.Json;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// Reads JSON answers from the API server: each request has a time limit and is tried once more when the connection
/// fails, drops mid-answer or the answer is late; a second failure is the one-line error. A failed status (401, 403,
/// 410, ...) is not retried: it is thrown as the client's HttpOperationException for the caller to judge.
/// </summary>
internal sealed class ApiReader(ApiClient client, TimeSpan timeout)
{
    /// <summary>The client the reader sends with.</summary>
    public ApiClient Client { get; } = client;

    /// <summary>
    /// GETs the path, parses the answer and hands it to <paramref name="use"/> while it is alive; <paramref name="what"/>
    /// names the request in errors ("listing pods").
    /// </summary>
    public async Task<T> ReadAsync<T>(string path, string what, Func<JsonDocument, T> use, CancellationToken cancellationToken)
    {
        using var document = await FetchAsync(path, what, cancellationToken).ConfigureAwait(false);
        return use(document);
    }

    private async Task<JsonDocument> FetchAsync(string path, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(timeout);
                using var response = await Client.GetAsync(path, limit.Token).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                return await JsonDocument.ParseAsync(body, default, limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiFailure.IsTransient(e, cancellationToken))
            {
                if (attempt == 2)
                    throw ApiFailure.Describe(e, Client, what, timeout);
            }
            catch (HttpRequestException e)
            {
                throw ApiFailure.Describe(e, Client, what, timeout);
            }
        }
    }

    /// <summary>The one-line error for a failed status or any other failure of a request.</summary>
    public InvalidInputException Error(Exception e, string what) => ApiFailure.Describe(e, Client, what, timeout);
}
