using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Dashboard;

/// <summary>
/// Runs before authentication. Serves <c>/login</c> (the only public page) and <c>/logout</c>; turns the session
/// cookie into the bearer token the authentication checks, for reads and for the dashboard's own posts (which carry
/// <c>X-Palisade-Dashboard</c>, a header a cross-site form cannot send); sends a browser (a request accepting HTML)
/// without a session, or with a token no longer valid, from <c>/</c> to <c>/login</c>; other clients get the 401.
/// </summary>
public sealed class SessionMiddleware(ServeOptions options)
{
    /// <summary>The cookie's name.</summary>
    public const string Cookie = "palisade_session";

    private readonly byte[] _login = DashboardEndpoint.Load("login.html");

    /// <summary>Handles the request or passes it on.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Path == "/login" && HttpMethods.IsGet(request.Method))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'";
            return context.Response.Body.WriteAsync(_login, context.RequestAborted).AsTask();
        }
        if (request.Path == "/logout" && HttpMethods.IsPost(request.Method))
        {
            context.Response.Cookies.Delete(Cookie, SessionEndpoint.Cookie(options));
            context.Response.Redirect("/login");
            return Task.CompletedTask;
        }
        if (options.InsecureNoAuth || request.Headers.Authorization.Count > 0)
            return next(context);
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (request.Cookies[Cookie] is { Length: > 0 } token && (readOnly || request.Headers.ContainsKey("X-Palisade-Dashboard")))
        {
            request.Headers.Authorization = "Bearer " + token;
            if (request.Path == "/" && AcceptsHtml(request))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == 401)
                    {
                        context.Response.StatusCode = 302;
                        context.Response.Headers.Location = "/login";
                        context.Response.Cookies.Delete(Cookie, SessionEndpoint.Cookie(options));
                    }
                    return Task.CompletedTask;
                });
            }
            return next(context);
        }
        if (request.Path == "/" && readOnly && AcceptsHtml(request))
        {
            context.Response.Redirect("/login");
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
