using System.Globalization;
using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// A list answer with the real server's paging: <c>limit</c> cuts the page, <c>metadata.continue</c> names where the
/// next one starts and <c>remainingItemCount</c> how many are left. Pages are read from the current objects, not from
/// a snapshot: an object added behind the continue key between pages shows up, as after a compaction.
/// </summary>
internal static class ListPager
{
    /// <summary>The page the request asks for, or a 400 Status when its continue token is not one.</summary>
    public static JsonObject Page(FakeRequest request, IReadOnlyList<(string Key, JsonObject Object)> items, long revision)
    {
        var resource = request.Resource!;
        var start = "";
        var listRevision = revision;
        if (request.Continue is { } text)
        {
            if (request.ResourceVersion is not null)
                return KubeStatus.BadRequest("specifying resource version is not allowed when using continue");
            if (ContinueToken.Decode(text, out var error) is not { } token)
                return KubeStatus.BadRequest(error!);
            (start, listRevision) = (token.Start, token.ResourceVersion);
        }
        var remaining = items.Where(i => string.CompareOrdinal(i.Key, start) >= 0).ToList();
        var page = request.Limit is > 0 and var limit && remaining.Count > limit ? remaining.GetRange(0, limit) : remaining;
        var metadata = new JsonObject { ["resourceVersion"] = listRevision.ToString(CultureInfo.InvariantCulture) };
        if (page.Count < remaining.Count)
        {
            metadata["continue"] = ContinueToken.After(listRevision, page[^1].Key).Encode();
            metadata["remainingItemCount"] = remaining.Count - page.Count;
        }
        return new JsonObject
        {
            ["kind"] = resource.Kind + "List",
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Select(i => (JsonNode)AsListItem(resource, i.Object))]),
        };
    }

    /// <summary>
    /// An object as a list item: the real server leaves kind and apiVersion out of the items of its own types but
    /// keeps them in those of custom resources.
    /// </summary>
    private static JsonObject AsListItem(FakeResource resource, JsonObject obj)
    {
        var item = (JsonObject)obj.DeepClone();
        if (resource.Custom)
            return item;
        item.Remove("kind");
        item.Remove("apiVersion");
        return item;
    }
}
