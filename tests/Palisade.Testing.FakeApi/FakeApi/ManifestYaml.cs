using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// Multi-document YAML manifests as the JSON objects a server would hold: plain scalars typed as YAML 1.2's core
/// schema types them (so <c>port: 8080</c> is a number and <c>"8080"</c> a string); empty documents skipped.
/// </summary>
public static class ManifestYaml
{
    public static IReadOnlyList<JsonObject> ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonObject>()];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(e =>
            KeyValuePair.Create(((YamlScalarNode)e.Key).Value ?? "", Convert(e.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            return JsonValue.Create(text[0] is 't' or 'T');
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
