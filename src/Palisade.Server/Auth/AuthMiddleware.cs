using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Palisade.Kubernetes.Access;
using Palisade.Server.Api;

namespace Palisade.Server.Auth;

/// <summary>
/// Authentication on everything but health: a bearer token from <c>--token-file</c>, else (with <c>--auth kubernetes</c>)
/// one the cluster's TokenReview accepts, whose user must then pass a SubjectAccessReview for the request's resource
/// of the <c>palisade.io</c> group (<see cref="ServiceAccess"/>). No token or an unknown one: 401; a known user
/// without permission: 403; the cluster not answering: 503. With <c>--insecure-no-auth</c> (loopback only) everything passes.
/// </summary>
public sealed class AuthMiddleware(StaticTokens? tokens, AccessReviewer? reviewer, bool insecure, ILogger<AuthMiddleware> logger)
{
    /// <summary>The paths that never ask for a token, also with the trailing slash routing serves them under.</summary>
    public static bool IsPublic(PathString path) =>
        path == "/healthz" || path == "/readyz" || path == "/healthz/" || path == "/readyz/";

    /// <summary>Checks the request, then passes it on.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (insecure || IsPublic(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (token.Length == 0)
        {
            await Refuse(context, 401, "a bearer token is required").ConfigureAwait(false);
            return;
        }
        if (tokens?.UserOf(token) is { } user)
        {
            context.Items["user"] = user;
            await next(context).ConfigureAwait(false);
            return;
        }
        if (reviewer is null)
        {
            await Refuse(context, 401, "the bearer token is not valid").ConfigureAwait(false);
            return;
        }
        try
        {
            var reviewed = await reviewer.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false);
            if (reviewed is null)
            {
                await Refuse(context, 401, "the bearer token is not valid").ConfigureAwait(false);
                return;
            }
            var access = ServiceAccess.Of(context.Request.Method, context.Request.Path);
            if (!await reviewer.AuthorizeAsync(reviewed, access, context.RequestAborted).ConfigureAwait(false))
            {
                var resource = access.Subresource is null ? access.Resource : $"{access.Resource}/{access.Subresource}";
                await Refuse(context, 403, $"user \"{reviewed.Name}\" may not {access.Verb} {resource}.{access.Group} ({context.Request.Path})").ConfigureAwait(false);
                return;
            }
            context.Items["user"] = reviewed.Name;
        }
        catch (Exception e) when (AccessReviewer.IsUnavailable(e))
        {
            logger.LogWarning("token or access review failed: {Message}", e.Message);
            await Refuse(context, 503, "the cluster could not review the token; try again").ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        if (status == 401)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResults.Error(context, status, message);
    }
}
