using System.Globalization;

namespace Palisade.Benchmarks.Dense;

/// <summary>
/// Writes generated objects as multi-document YAML (block style, as <c>helm template</c> and repositories hold
/// them) or as the JSON of <c>kubectl get -o json</c> (a <c>List</c>, four-space indentation).
/// </summary>
public static class ManifestText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~" };

    /// <summary>One YAML document per object.</summary>
    public static void WriteYaml(IEnumerable<Mapping> objects, TextWriter output)
    {
        foreach (var o in objects)
        {
            output.Write("---\n");
            YamlMapping(o, 0, output);
        }
    }

    /// <summary>A kubectl-style JSON List of the objects.</summary>
    public static void WriteJson(IEnumerable<Mapping> objects, TextWriter output)
    {
        output.Write("{\n    \"apiVersion\": \"v1\",\n    \"items\": [");
        var first = true;
        foreach (var o in objects)
        {
            output.Write(first ? "\n        " : ",\n        ");
            Json(o, 2, output);
            first = false;
        }
        output.Write("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }

    private static void YamlMapping(Mapping mapping, int indent, TextWriter output, bool firstInline = false)
    {
        var pad = new string(' ', indent);
        foreach (var (key, value) in mapping)
        {
            if (!firstInline)
                output.Write(pad);
            firstInline = false;
            output.Write(key);
            output.Write(':');
            YamlValue(value, indent, output);
        }
    }

    private static void YamlValue(object? value, int indent, TextWriter output)
    {
        switch (value)
        {
            case Mapping { Count: 0 }:
                output.Write(" {}\n");
                break;
            case Mapping nested:
                output.Write('\n');
                YamlMapping(nested, indent + 2, output);
                break;
            case object?[] { Length: 0 }:
                output.Write(" []\n");
                break;
            case object?[] items:
                output.Write('\n');
                foreach (var item in items)
                {
                    output.Write(new string(' ', indent));
                    output.Write("- ");
                    if (item is Mapping { Count: > 0 } element)
                        YamlMapping(element, indent + 2, output, firstInline: true);
                    else
                        output.Write(Scalar(item, yaml: true) + "\n");
                }
                break;
            default:
                output.Write(' ');
                output.Write(Scalar(value, yaml: true));
                output.Write('\n');
                break;
        }
    }

    private static void Json(object? value, int depth, TextWriter output)
    {
        switch (value)
        {
            case Mapping { Count: 0 }:
                output.Write("{}");
                break;
            case Mapping mapping:
                output.Write('{');
                for (var i = 0; i < mapping.Count; i++)
                {
                    output.Write(i == 0 ? "\n" : ",\n");
                    output.Write(new string(' ', (depth + 1) * 4));
                    output.Write(Quote(mapping[i].Key));
                    output.Write(": ");
                    Json(mapping[i].Value, depth + 1, output);
                }
                output.Write('\n' + new string(' ', depth * 4) + '}');
                break;
            case object?[] { Length: 0 }:
                output.Write("[]");
                break;
            case object?[] items:
                output.Write('[');
                for (var i = 0; i < items.Length; i++)
                {
                    output.Write(i == 0 ? "\n" : ",\n");
                    output.Write(new string(' ', (depth + 1) * 4));
                    Json(items[i], depth + 1, output);
                }
                output.Write('\n' + new string(' ', depth * 4) + ']');
                break;
            default:
                output.Write(Scalar(value, yaml: false));
                break;
        }
    }

    private static string Scalar(object? value, bool yaml) => value switch
    {
        null => "null",
        int n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s when yaml && IsPlain(s) => s,
        _ => Quote(value.ToString()!),
    };

    private static bool IsPlain(string text)
    {
        if (text.Length == 0 || Reserved.Contains(text) || !char.IsLetter(text[0]))
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/'))
                return false;
        }
        return true;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
