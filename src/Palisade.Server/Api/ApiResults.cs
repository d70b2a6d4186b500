using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Api;

/// <summary>How the API answers: JSON errors (<c>{"error": "…"}</c>), JSON documents and text in a format's media type.</summary>
public static class ApiResults
{
    /// <summary>Writes <c>{"error": message}</c> with the status, escaping only what JSON requires so that it reads plainly.</summary>
    public static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }

    /// <summary>Writes a JSON document built with the writer.</summary>
    public static async Task Json(HttpContext context, Action<Utf8JsonWriter> write, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            write(json);
        buffer.WriteByte((byte)'\n');
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes <c>{"name": [values]}</c>, the values stored JSON documents written as they are.</summary>
    public static Task JsonList(HttpContext context, string name, IEnumerable<string> values) => Json(context, json =>
    {
        json.WriteStartObject();
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteRawValue(value, skipInputValidation: true);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Writes text produced by a report writer, in the media type given.</summary>
    public static Task Text(HttpContext context, string contentType, Action<TextWriter> write)
    {
        var text = new StringWriter();
        write(text);
        context.Response.ContentType = contentType + "; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), Encoding.UTF8, context.RequestAborted);
    }
}
