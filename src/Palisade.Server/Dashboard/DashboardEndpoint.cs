using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Dashboard;

/// <summary>
/// <c>/</c>: the dashboard. For now a placeholder page embedded in the assembly; the dashboard (issue 17) will add its
/// assets here as embedded resources and read the API, with <c>/api/v1/changes/stream</c> for live updates.
/// </summary>
public static class DashboardEndpoint
{
    /// <summary>Maps the page.</summary>
    public static void Map(WebApplication app)
    {
        var page = Load("Palisade.Server.Dashboard.index.html");
        app.MapGet("/", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.Body.WriteAsync(page, context.RequestAborted).AsTask();
        });
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(DashboardEndpoint).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
