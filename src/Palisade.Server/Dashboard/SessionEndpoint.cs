using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Dashboard;

/// <summary>
/// <c>POST /api/v1/session</c>: a request that passed authentication with its bearer token gets that token back as an
/// HttpOnly, SameSite=Strict cookie, so the browser's page loads, assets and server-sent events carry it
/// (<see cref="SessionMiddleware"/> turns it back into the header); <c>POST /logout</c> clears it.
/// </summary>
public static class SessionEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app, ServeOptions options)
    {
        app.MapPost("/api/v1/session", context =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
            if (token.Length > 0)
                context.Response.Cookies.Append(SessionMiddleware.Cookie, token, Cookie(options));
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    /// <summary>The cookie's attributes: not readable by scripts, never sent cross-site, HTTPS-only when the service speaks it.</summary>
    internal static CookieOptions Cookie(ServeOptions options) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = options.TlsCert is not null,
        Path = "/",
    };
}
