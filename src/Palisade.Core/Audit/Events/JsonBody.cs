using System.Text.Json;
using System.Text.Json.Nodes;

namespace Palisade.Audit.Events;

/// <summary>
/// A request or response body as read: its UTF-8 text, checked well-formed, parsed on first use. Most bodies of
/// a log belong to requests no rule and no replay looks at (lease renewals, events), so they are never parsed.
/// Safe for one thread at a time; the element it yields is immutable.
/// </summary>
public sealed class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly byte[]? _utf8;
    private JsonElement? _element;

    /// <summary>A body of the given UTF-8 text, which must be one well-formed JSON value.</summary>
    public JsonBody(ReadOnlySpan<byte> utf8) => _utf8 = utf8.ToArray();

    /// <summary>A body already parsed.</summary>
    public JsonBody(JsonElement element) => _element = element;

    /// <summary>The body, parsed once.</summary>
    public JsonElement Element => _element ??= Parse(_utf8!);

    /// <summary>The kind of the body's value, told from its first byte without parsing it.</summary>
    public JsonValueKind Kind => _element is { } element ? element.ValueKind : _utf8![0] switch
    {
        (byte)'{' => JsonValueKind.Object,
        (byte)'[' => JsonValueKind.Array,
        (byte)'"' => JsonValueKind.String,
        (byte)'t' => JsonValueKind.True,
        (byte)'f' => JsonValueKind.False,
        (byte)'n' => JsonValueKind.Null,
        _ => JsonValueKind.Number,
    };

    /// <summary>
    /// The string property <paramref name="name"/> of the body, or of its <c>metadata</c> object when
    /// <paramref name="inMetadata"/>; null when the body is no object, the property is absent or not a string. As
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> reads it (the last of duplicate names), but
    /// from the text when the body is not parsed yet, without parsing it.
    /// </summary>
    public string? StringProperty(string name, bool inMetadata)
    {
        if (Kind != JsonValueKind.Object)
            return null;
        if (_element is { } element)
        {
            if (inMetadata && !(element.TryGetProperty("metadata", out element) && element.ValueKind == JsonValueKind.Object))
                return null;
            return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        var reader = new Utf8JsonReader(_utf8, ReaderOptions);
        reader.Read();
        return inMetadata ? MetadataString(ref reader, name) : PropertyString(ref reader, name, null);
    }

    /// <summary>The object at the reader (its start), scanned for <paramref name="name"/>; the reader is left at its end.</summary>
    private static string? PropertyString(ref Utf8JsonReader reader, string name, string? inner)
    {
        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var matches = reader.ValueTextEquals(name);
            reader.Read();
            if (matches)
                found = inner is null
                    ? reader.TokenType == JsonTokenType.String ? reader.GetString() : null
                    : reader.TokenType == JsonTokenType.StartObject ? PropertyString(ref reader, inner, null) : null;
            // A value scanned above ends at its EndObject; any other object or array is stepped over.
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
        }
        return found;
    }

    /// <summary>
    /// Whether the value at the path of nested objects (<c>spec</c>, <c>hostNetwork</c>) is <c>true</c>; read from the
    /// text when the body is not parsed yet, without parsing it (the last of duplicate names counts).
    /// </summary>
    public bool IsTrue(params string[] path)
    {
        if (Kind != JsonValueKind.Object)
            return false;
        if (_element is { } element)
        {
            foreach (var step in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
                    return false;
            }
            return element.ValueKind == JsonValueKind.True;
        }
        var reader = new Utf8JsonReader(_utf8, ReaderOptions);
        reader.Read();
        return IsTrue(ref reader, path, 0);
    }

    /// <summary>The object at the reader (its start), followed along the path from <paramref name="depth"/>; the reader is left at its end.</summary>
    private static bool IsTrue(ref Utf8JsonReader reader, string[] path, int depth)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var matches = reader.ValueTextEquals(path[depth]);
            reader.Read();
            if (matches)
                found = depth == path.Length - 1 ? reader.TokenType == JsonTokenType.True
                    : reader.TokenType == JsonTokenType.StartObject && IsTrue(ref reader, path, depth + 1);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
        }
        return found;
    }

    private static string? MetadataString(ref Utf8JsonReader reader, string name) => PropertyString(ref reader, "metadata", name);

    /// <summary>A new mutable node of the body (each call a new one, sharing nothing the caller can change).</summary>
    public JsonNode? ToNode()
    {
        var element = Element;
        return element.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(element),
            JsonValueKind.Array => JsonArray.Create(element),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(element),
        };
    }

    /// <summary>
    /// A new mutable node of the body, parsed from its text without keeping the parse when it was not parsed yet: for
    /// a body read once, whose request stays in memory (the history keeps the requests that changed the network).
    /// </summary>
    public JsonNode? ToNodeOnce() =>
        _element is not null ? ToNode() : JsonNode.Parse(_utf8, documentOptions: Options);

    /// <summary>
    /// The document reads the text in place, with no copy. It is never disposed: its elements live as long as
    /// the body, and its pooled index is left to the garbage collector rather than returned.
    /// </summary>
    private static JsonElement Parse(byte[] utf8) => JsonDocument.Parse(utf8, Options).RootElement;
}
