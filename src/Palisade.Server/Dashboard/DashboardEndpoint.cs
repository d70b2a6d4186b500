using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Server.Api;

namespace Palisade.Server.Dashboard;

/// <summary>
/// <c>/</c>: the dashboard, a single page whose assets (HTML, CSS, JavaScript written for it, no library) are embedded in
/// the assembly and served behind the API's authentication; <c>/login</c> (public) asks for a token. The page reads the
/// API, with <c>/api/v1/changes/stream</c> for live updates.
/// </summary>
public static class DashboardEndpoint
{
    /// <summary>The assets served under <c>/dashboard/</c>, by file name, with their media types.</summary>
    private static readonly (string File, string ContentType)[] Assets =
    [
        ("app.js", "text/javascript; charset=utf-8"),
        ("graph.js", "text/javascript; charset=utf-8"),
        ("views.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
    ];

    /// <summary>Maps the page, its assets and the endpoints only the dashboard uses.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        var page = Load("index.html");
        app.MapRead("/", context => Write(context, page, "text/html; charset=utf-8"));
        foreach (var (file, contentType) in Assets)
        {
            var bytes = Load(file);
            app.MapRead("/dashboard/" + file, context => Write(context, bytes, contentType));
        }
        SessionEndpoint.Map(app, state.Options);
        OverviewEndpoint.Map(app, state);
        WhatIfEndpoint.Map(app, state);
    }

    private static Task Write(HttpContext context, byte[] bytes, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>An embedded asset's bytes.</summary>
    internal static byte[] Load(string file)
    {
        var name = "Palisade.Server.Dashboard.assets." + file;
        using var stream = typeof(DashboardEndpoint).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
