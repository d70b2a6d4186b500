using System.Text;
using System.Text.Json;
using Palisade.Audit.Events;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>Bodies kept as text: read from the text before they are parsed, as the parsed element reads them.</summary>
public sealed class JsonBodyTests
{
    private static JsonBody Unparsed(string json) => new(Encoding.UTF8.GetBytes(json));

    private static JsonBody Parsed(string json)
    {
        var body = Unparsed(json);
        _ = body.Element;
        return body;
    }

    [Theory]
    [InlineData("""{"kind":"Service","metadata":{"name":"web","namespace":"shop"}}""", "web", "shop", "Service")]
    [InlineData("""{"metadata":{"generateName":"web-","labels":{"name":"x"}},"spec":{"name":"y"}}""", null, null, null)]
    [InlineData("""{"metadata":{"name":"first"},"metadata":{"name":"second"}}""", "second", null, null)]
    [InlineData("""{"metadata":{"name":"a","name":"b"},"kind":"A","kind":7}""", "b", null, null)]
    [InlineData("""{"metadata":{"name":"a"},"metadata":"text"}""", null, null, null)]
    [InlineData("""{"metadata":{"name":12,"namespace":["x"]}}""", null, null, null)]
    [InlineData("""{"\u006detadata":{"n\u0061me":"caf\u00e9 \"q\""},"k\u0069nd":"Pod"}""", "café \"q\"", null, "Pod")]
    [InlineData("""{"spec":{"metadata":{"name":"nested"}},"items":[{"metadata":{"name":"in-list"}}]}""", null, null, null)]
    public void Properties_are_read_from_the_text_as_from_the_parsed_body(string json, string? name, string? ns, string? kind)
    {
        foreach (var body in new[] { Unparsed(json), Parsed(json) })
        {
            Assert.Equal(name, body.StringProperty("name", inMetadata: true));
            Assert.Equal(ns, body.StringProperty("namespace", inMetadata: true));
            Assert.Equal(kind, body.StringProperty("kind", inMetadata: false));
        }
    }

    [Theory]
    [InlineData("""{"spec":{"hostNetwork":true}}""", true)]
    [InlineData("""{"spec":{"containers":[{"hostNetwork":true}],"hostNetwork":true,"x":{"y":1}}}""", true)]
    [InlineData("""{"spec":{"hostNetwork":false}}""", false)]
    [InlineData("""{"spec":{"hostNetwork":"true"}}""", false)]
    [InlineData("""{"spec":{"hostNetwork":true},"spec":{}}""", false)]
    [InlineData("""{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", false)]
    [InlineData("""{"spec":[{"hostNetwork":true}]}""", false)]
    [InlineData("""[{"spec":{"hostNetwork":true}}]""", false)]
    public void A_boolean_is_read_from_the_text_as_from_the_parsed_body(string json, bool expected)
    {
        foreach (var body in new[] { Unparsed(json), Parsed(json) })
            Assert.Equal(expected, body.IsTrue("spec", "hostNetwork"));
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/a","value":1}]""", JsonValueKind.Array)]
    [InlineData("""{"a":1}""", JsonValueKind.Object)]
    [InlineData("\"text\"", JsonValueKind.String)]
    [InlineData("-12.5", JsonValueKind.Number)]
    [InlineData("true", JsonValueKind.True)]
    public void The_kind_is_told_without_parsing_and_matches_the_parsed_value(string json, JsonValueKind kind)
    {
        Assert.Equal(kind, Unparsed(json).Kind);
        Assert.Equal(kind, Unparsed(json).Element.ValueKind);
    }

    [Fact]
    public void Nodes_are_new_each_time_and_changing_one_leaves_the_body_alone()
    {
        var body = Unparsed("""{"metadata":{"name":"web"}}""");
        var first = body.ToNode()!.AsObject();
        first["kind"] = "Service";
        first["metadata"]!["name"] = "changed";
        var second = body.ToNode()!.AsObject();
        Assert.False(second.ContainsKey("kind"));
        Assert.Equal("web", second["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("web", body.Element.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void Bodies_deeper_than_the_default_limit_still_parse()
    {
        var json = new string('[', 200) + new string(']', 200);
        var events = AuditInput.ReadText(
            $$"""{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a","stage":"ResponseComplete","verb":"patch","requestReceivedTimestamp":"2025-01-01T00:00:00Z","requestObject":{{json}}}""",
            new Palisade.Input.ReadDiagnostics());
        Assert.Equal(JsonValueKind.Array, Assert.Single(events).RequestObject!.Value.ValueKind);
    }
}
