using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// Writes a JSON tree as block-style YAML, the way kubectl prints manifests. Strings are plain only when
/// YAML cannot read them as anything else; otherwise they are double-quoted JSON strings, which YAML reads
/// back unchanged.
/// </summary>
public static partial class YamlEmitter
{
    /// <summary>Documents separated by <c>---</c>.</summary>
    public static string Documents(IEnumerable<JsonObject> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n");
            WriteObject(text, document, 0);
        }
        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, JsonObject node, int indent)
    {
        foreach (var (key, value) in node)
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValueAfterKey(text, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonObject o:
                text.Append('\n');
                WriteObject(text, o, indent + 2);
                break;
            case JsonArray a:
                text.Append('\n');
                WriteArray(text, a, indent + 2);
                break;
            default:
                text.Append(' ').Append(ScalarValue(value)).Append('\n');
                break;
        }
    }

    private static void WriteArray(StringBuilder text, JsonArray node, int indent)
    {
        foreach (var item in node)
        {
            text.Append(' ', indent).Append('-');
            switch (item)
            {
                case JsonObject { Count: > 0 } o:
                    // The first property shares the dash's line; the rest align under it.
                    var first = true;
                    foreach (var (key, value) in o)
                    {
                        if (first)
                            text.Append(' ');
                        else
                            text.Append(' ', indent + 2);
                        first = false;
                        text.Append(Scalar(key)).Append(':');
                        WriteValueAfterKey(text, value, indent + 2);
                    }
                    break;
                case JsonObject:
                    text.Append(" {}\n");
                    break;
                case JsonArray { Count: 0 }:
                    text.Append(" []\n");
                    break;
                case JsonArray a:
                    text.Append('\n');
                    WriteArray(text, a, indent + 2);
                    break;
                default:
                    text.Append(' ').Append(ScalarValue(item)).Append('\n');
                    break;
            }
        }
    }

    private static string ScalarValue(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => throw new InvalidOperationException("not a scalar: " + value.ToJsonString()),
    };

    /// <summary>A string as a plain scalar when that is unambiguous, else double-quoted.</summary>
    public static string Scalar(string value)
    {
        if (PlainSafe().IsMatch(value) && !Reserved.Contains(value) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return value;
        return JsonSerializer.Serialize(value, Json.Compact);
    }

    // Words YAML 1.1 readers (YamlDotNet among them) may turn into booleans or null.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();
}
