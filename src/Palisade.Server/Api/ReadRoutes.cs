using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Palisade.Server.Api;

/// <summary>
/// Maps a read-only route for GET and HEAD: uptime checkers and <c>curl -I</c> ask HEAD, and RFC 9110 has every GET
/// resource answer it; Kestrel sends the headers and drops the body. The event streams stay GET only, as they never end.
/// </summary>
public static class ReadRoutes
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps <paramref name="pattern"/> for GET and HEAD.</summary>
    public static IEndpointConventionBuilder MapRead(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, Methods, handler);

    /// <summary>Maps <paramref name="pattern"/> for GET and HEAD, with route values bound to the handler's parameters.</summary>
    public static IEndpointConventionBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, Methods, handler);
}
