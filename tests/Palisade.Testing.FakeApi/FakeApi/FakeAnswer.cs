using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Palisade.Testing.FakeApi;

/// <summary>One complete answer of the fake server: status code and body.</summary>
internal sealed record FakeAnswer(int Code, JsonNode? Json, string? Text = null)
{
    /// <summary>What the real server says for a path it has no handler for.</summary>
    public static FakeAnswer PageNotFound { get; } = new(404, null, "404 page not found\n");

    /// <summary>A Status body, sent with the code it carries.</summary>
    public static FakeAnswer Of(JsonObject status) =>
        new(status["code"]?.GetValue<int>() is int code && status["kind"]?.GetValue<string>() == "Status" ? code : 200, status);

    /// <summary>Writes the answer; when <paramref name="dropMidBody"/>, only half the body, then the connection closes.</summary>
    public async Task WriteAsync(HttpContext context, bool dropMidBody, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(Json is null ? Text ?? "" : FakeJson.Write(Json));
        context.Response.StatusCode = Code;
        context.Response.ContentType = Json is null ? "text/plain; charset=utf-8" : "application/json";
        context.Response.ContentLength = body.Length;
        if (!dropMidBody)
        {
            await context.Response.Body.WriteAsync(body, cancellationToken);
            return;
        }
        await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        context.Abort();
    }
}
