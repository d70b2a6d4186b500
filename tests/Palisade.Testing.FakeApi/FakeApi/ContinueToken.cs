using System.Text;
using System.Text.Json;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// A list continuation in kube-apiserver's own format (unpadded base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}</c>): the next page starts after the last key returned.
/// </summary>
internal sealed record ContinueToken(long ResourceVersion, string Start)
{
    private const string Version = "meta.k8s.io/v1";

    /// <summary>The token for the page after the one that ended with <paramref name="lastKey"/>.</summary>
    public static ContinueToken After(long resourceVersion, string lastKey) => new(resourceVersion, lastKey + "\0");

    public string Encode()
    {
        var json = JsonSerializer.Serialize(new Wire(Version, ResourceVersion, Start));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The token, or null with the server's wording of why it is not one.</summary>
    public static ContinueToken? Decode(string text, out string? error)
    {
        error = null;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var wire = JsonSerializer.Deserialize<Wire>(Convert.FromBase64String(padded));
            if (wire is { V: Version, Start: { Length: > 0 } start })
                return new ContinueToken(wire.Rv, start);
            error = "invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)";
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = $"invalid continue token: continue key is not valid: {e.Message}";
        }
        return null;
    }

    private sealed record Wire(
        [property: System.Text.Json.Serialization.JsonPropertyName("v")] string V,
        [property: System.Text.Json.Serialization.JsonPropertyName("rv")] long Rv,
        [property: System.Text.Json.Serialization.JsonPropertyName("start")] string Start);
}
