using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// The discovery answers (<c>/api</c>, <c>/apis</c>, <c>/apis/GROUP</c>, <c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>)
/// for the resources served, so a client can tell which kinds, and so which CRDs, the cluster has.
/// </summary>
internal static class DiscoveryDocuments
{
    /// <summary>The document for the path, or null when the path is not a discovery path.</summary>
    public static JsonObject? For(string path, IReadOnlyList<FakeResource> served, string hostAndPort)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["api"] => ApiVersions(hostAndPort),
            ["apis"] => GroupList(served),
            ["apis", var g] => Groups(served).FirstOrDefault(x => x["name"]!.GetValue<string>() == g),
            ["api", var v] => ResourceList(served, "", v),
            ["apis", var g, var v] => ResourceList(served, g, v),
            _ => null,
        };
    }

    private static JsonObject ApiVersions(string hostAndPort) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = hostAndPort }),
    };

    private static JsonObject GroupList(IReadOnlyList<FakeResource> served) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups(served)]),
    };

    private static IEnumerable<JsonObject> Groups(IReadOnlyList<FakeResource> served) =>
        served.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).Select(g =>
        {
            var versions = g.Select(r => r.Version).Distinct().Select(v => (JsonNode)GroupVersion(g.Key, v)).ToArray();
            return new JsonObject
            {
                ["kind"] = "APIGroup",
                ["apiVersion"] = "v1",
                ["name"] = g.Key,
                ["versions"] = new JsonArray(versions),
                ["preferredVersion"] = versions[0].DeepClone(),
            };
        });

    private static JsonObject GroupVersion(string group, string version) =>
        new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };

    private static JsonObject? ResourceList(IReadOnlyList<FakeResource> served, string group, string version)
    {
        var resources = served.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
            return null;
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = resources[0].GroupVersion,
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = "",
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("get", "list", "watch"),
            })]),
        };
    }
}
