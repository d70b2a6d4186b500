using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;

namespace Palisade.Core.Tests.Audit.Timeline;

public sealed class PatchTests
{
    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    [Fact]
    public void Merge_patch_merges_maps_removes_nulls_and_replaces_lists()
    {
        var target = Json("""{"metadata":{"labels":{"app":"web","tier":"a"}},"spec":{"ingress":[{"from":[]},{"ports":[]}]}}""");
        var patch = Json("""{"metadata":{"labels":{"tier":null,"env":"prod"}},"spec":{"ingress":[{}]}}""");
        var result = MergePatch.Apply(target, patch)!;
        Assert.True(JsonNode.DeepEquals(Json("""{"metadata":{"labels":{"app":"web","env":"prod"}},"spec":{"ingress":[{}]}}"""), result));
        Assert.Equal("a", target["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void Strategic_directives_are_honoured_or_dropped()
    {
        var target = Json("""{"spec":{"podSelector":{"matchLabels":{"a":"b"}},"x":1}}""");
        var patch = Json("""{"$setElementOrder/ingress":[{}],"spec":{"podSelector":{"$patch":"replace","matchLabels":{"c":"d"}},"x":{"$patch":"delete"}}}""");
        var result = MergePatch.Apply(target, patch)!;
        Assert.True(JsonNode.DeepEquals(Json("""{"spec":{"podSelector":{"matchLabels":{"c":"d"}}}}"""), result));
    }

    [Fact]
    public void Json_patch_applies_every_operation()
    {
        var target = Json("""{"metadata":{"labels":{"app":"web"}},"spec":{"ingress":[{"a":1},{"b":2}]}}""");
        var ops = (JsonArray)Json("""
            [{"op":"add","path":"/metadata/labels/env","value":"prod"},
             {"op":"remove","path":"/spec/ingress/0"},
             {"op":"add","path":"/spec/ingress/-","value":{"c":3}},
             {"op":"replace","path":"/metadata/labels/app","value":"api"},
             {"op":"copy","from":"/metadata/labels/env","path":"/metadata/labels/copy"},
             {"op":"move","from":"/metadata/labels/copy","path":"/metadata/labels/moved"},
             {"op":"test","path":"/metadata/labels/app","value":"api"},
             {"op":"add","path":"/metadata/labels/a~1b","value":"slash"}]
            """);
        var result = JsonPatch.Apply(target, ops)!;
        Assert.True(JsonNode.DeepEquals(
            Json("""{"metadata":{"labels":{"app":"api","env":"prod","moved":"prod","a/b":"slash"}},"spec":{"ingress":[{"b":2},{"c":3}]}}"""), result));
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"add","path":"/a/b/c","value":1}]""")]
    [InlineData("""[{"op":"bogus","path":"/a"}]""")]
    public void Json_patch_that_does_not_apply_gives_an_unknown_result(string ops) =>
        Assert.Null(JsonPatch.Apply(Json("""{"a":1}"""), (JsonArray)Json(ops)));

    [Theory]
    [InlineData("/apis/x?labelSelector=app%3Dweb", """{"metadata":{"labels":{"app":"web"}}}""", true)]
    [InlineData("/apis/x?labelSelector=app%3Dweb", """{"metadata":{"labels":{"app":"db"}}}""", false)]
    [InlineData("/apis/x?labelSelector=app!%3Dweb,tier", """{"metadata":{"labels":{"app":"db","tier":"x"}}}""", true)]
    [InlineData("/apis/x?labelSelector=tier", """{"metadata":{"labels":{"app":"db"}}}""", false)]
    [InlineData("/apis/x?labelSelector=app+in+(a,b)", """{"metadata":{}}""", true)]
    [InlineData("/apis/x", """{}""", true)]
    public void Deletecollection_label_selector(string uri, string body, bool matches) =>
        Assert.Equal(matches, LabelFilter.FromUri(uri).Matches(Json(body)));
}
