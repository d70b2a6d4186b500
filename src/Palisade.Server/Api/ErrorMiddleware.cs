using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Palisade.Server.Api;

/// <summary>
/// Turns refusals into JSON answers: <see cref="ApiProblem"/> with its status, a body over Kestrel's limit as 413, any
/// other bad request as 400, an unknown <c>/api</c> route or method as 404 or 405; an unexpected failure is logged and
/// answered 500 without its details.
/// </summary>
public sealed class ErrorMiddleware(Metrics.ServerMetrics metrics, long maxBodyBytes, ILogger<ErrorMiddleware> logger)
{
    /// <summary>Runs the request, answering its failure.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.ContentType is null && context.Request.Path.StartsWithSegments("/api")
                && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            {
                var path = context.Request.Path.Value;
                await ApiResults.Error(context, context.Response.StatusCode, context.Response.StatusCode == StatusCodes.Status404NotFound
                    ? $"no such route: {path}; the routes are in docs/api.md"
                    : $"{context.Request.Method} is not allowed on {path}").ConfigureAwait(false);
            }
        }
        catch (ApiProblem problem) when (!context.Response.HasStarted)
        {
            Count(context, problem.Status);
            await ApiResults.Error(context, problem.Status, problem.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            Count(context, status);
            await ApiResults.Error(context, status, status == 413 ? Ingestion.BodyReader.TooLargeMessage("request body", maxBodyBytes) : e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ApiResults.Error(context, 500, "internal error; see the service's log").ConfigureAwait(false);
        }
    }

    private void Count(HttpContext context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api/v1/ingest"))
            metrics.Refused.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
    }
}
