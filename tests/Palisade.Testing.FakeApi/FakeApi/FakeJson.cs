using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>JSON as the Go server writes it: quotes escaped as <c>\"</c>, not <c>\u0022</c>.</summary>
internal static class FakeJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
