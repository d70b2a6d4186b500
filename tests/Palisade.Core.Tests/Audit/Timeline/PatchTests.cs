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
    public void Strategic_merge_patch_merges_containers_by_name_and_their_ports_by_number()
    {
        // kubectl set image and kubectl apply send only the changed container: the others, and the ports named ports
        // resolve on, stay (Kubernetes: containers merge on name, container ports on containerPort).
        var target = Json("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"web","image":"nginx:1","ports":[{"name":"http","containerPort":8080},{"name":"metrics","containerPort":9090}]},
              {"name":"proxy","image":"envoy:1","ports":[{"name":"admin","containerPort":9901}]}]}}}}
            """);
        var patch = Json("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"proxy"},{"name":"web"}],"containers":[
              {"name":"web","image":"nginx:2","ports":[{"containerPort":9090,"$patch":"delete"},{"name":"grpc","containerPort":8443}]},
              {"name":"sidecar","image":"busybox"}]}}}}
            """);
        var result = MergePatch.Apply(target, patch)!;
        Assert.True(JsonNode.DeepEquals(Json("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"proxy","image":"envoy:1","ports":[{"name":"admin","containerPort":9901}]},
              {"name":"web","image":"nginx:2","ports":[{"name":"http","containerPort":8080},{"name":"grpc","containerPort":8443}]},
              {"name":"sidecar","image":"busybox"}]}}}}
            """), result), result.ToJsonString());
    }

    [Fact]
    public void Strategic_merge_patch_merges_service_ports_by_port_and_honours_a_list_replace()
    {
        var service = Json("""{"spec":{"type":"ClusterIP","ports":[{"name":"http","port":80,"targetPort":8080},{"name":"https","port":443,"targetPort":8443}]}}""");
        var nodePort = MergePatch.Apply(service, Json("""{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}"""))!;
        Assert.True(JsonNode.DeepEquals(
            Json("""{"spec":{"type":"NodePort","ports":[{"name":"http","port":80,"targetPort":8080,"nodePort":30080},{"name":"https","port":443,"targetPort":8443}]}}"""), nodePort), nodePort.ToJsonString());
        var replaced = MergePatch.Apply(service, Json("""{"spec":{"ports":[{"$patch":"replace"},{"port":81}]}}"""))!;
        Assert.True(JsonNode.DeepEquals(Json("""{"spec":{"type":"ClusterIP","ports":[{"port":81}]}}"""), replaced), replaced.ToJsonString());
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
             {"op":"add","path":"/metadata/labels/a~1b","value":"slash"},
             {"op":"add","path":"/metadata/labels/t~0x~01","value":"tilde"}]
            """);
        var result = JsonPatch.Apply(target, ops)!;
        Assert.True(JsonNode.DeepEquals(
            Json("""{"metadata":{"labels":{"app":"api","env":"prod","moved":"prod","a/b":"slash","t~x~1":"tilde"}},"spec":{"ingress":[{"b":2},{"c":3}]}}"""), result));
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
    [InlineData("/apis/x?labelSelector=app+in+(a,b)", """{"metadata":{}}""", false)]
    [InlineData("/apis/x?labelSelector=app+in+%28a%2C+b%29", """{"metadata":{"labels":{"app":"b"}}}""", true)]
    [InlineData("/apis/x?labelSelector=app+in+(a,b),tier", """{"metadata":{"labels":{"app":"a"}}}""", false)]
    [InlineData("/apis/x?labelSelector=app+notin+(a,b)", """{"metadata":{"labels":{"app":"c"}}}""", true)]
    [InlineData("/apis/x?labelSelector=app+notin+(a,b)", """{"metadata":{}}""", true)]
    [InlineData("/apis/x?labelSelector=app+notin+(a,b)", """{"metadata":{"labels":{"app":"a"}}}""", false)]
    [InlineData("/apis/x?labelSelector=!tier,app==web", """{"metadata":{"labels":{"app":"web"}}}""", true)]
    [InlineData("/apis/x?labelSelector=!tier", """{"metadata":{"labels":{"tier":"x"}}}""", false)]
    [InlineData("/apis/x", """{}""", true)]
    public void Deletecollection_label_selector(string uri, string body, bool matches) =>
        Assert.Equal(matches, LabelFilter.FromUri(uri).Matches(Json(body)));
}
