using System.Text.Json;
using k8s.Autorest;
using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// Asks the server which of the kinds Palisade reads it serves, and where: for each kind, the first of its groups
/// (in the table's order, so apps before extensions) and of that group's versions (preferred first) that lists it.
/// Custom kinds whose CRD is not installed (admin network policies, Routes, Istio) and kinds of groups the server
/// does not have are simply absent.
/// </summary>
internal static class ApiDiscovery
{
    private const string What = "reading the API discovery documents";

    /// <summary>The kinds served, in the table's order.</summary>
    public static async Task<IReadOnlyList<ServedKind>> FindAsync(ApiReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await ServedAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw reader.Error(e, What);
        }
    }

    private static async Task<List<ServedKind>> ServedAsync(ApiReader reader, CancellationToken cancellationToken)
    {
        var wanted = KindTable.All.SelectMany(r => r.Groups).ToHashSet(StringComparer.Ordinal);
        var versions = await GroupVersionsAsync(reader, wanted, cancellationToken).ConfigureAwait(false);
        var lists = await Task.WhenAll(versions.SelectMany(g => g.Value.Select(v => ResourcesAsync(reader, g.Key, v, cancellationToken)))).ConfigureAwait(false);
        var byGroupVersion = lists.ToDictionary(l => (l.Group, l.Version));
        var served = new List<ServedKind>();
        foreach (var row in KindTable.All)
        {
            var found = row.Groups
                .SelectMany(g => versions.TryGetValue(g, out var vs) ? vs.Select(v => byGroupVersion[(g, v)]) : [])
                .Select(list => list.Resources.FirstOrDefault(r => r.Kind == row.Kind) is { } resource
                    ? new ServedKind(row, list.Group, list.Version, resource.Plural, resource.Namespaced)
                    : null)
                .FirstOrDefault(s => s is not null);
            if (found is not null)
                served.Add(found);
        }
        return served;
    }

    /// <summary>The versions of each wanted group the server has, its preferred version first.</summary>
    private static async Task<Dictionary<string, List<string>>> GroupVersionsAsync(ApiReader reader, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var core = await reader.ReadAsync("/api", What, d => Strings(d.RootElement, "versions"), cancellationToken).ConfigureAwait(false);
        var groups = await reader.ReadAsync("/apis", What, d => Groups(d.RootElement), cancellationToken).ConfigureAwait(false);
        groups[""] = core;
        return groups.Where(g => wanted.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
    }

    private static Dictionary<string, List<string>> Groups(JsonElement groupList)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!groupList.TryGetProperty("groups", out var items) || items.ValueKind != JsonValueKind.Array)
            return groups;
        foreach (var group in items.EnumerateArray())
        {
            var preferred = group.TryGetProperty("preferredVersion", out var p) && p.TryGetProperty("version", out var pv) ? pv.GetString() : null;
            var versions = group.TryGetProperty("versions", out var vs) && vs.ValueKind == JsonValueKind.Array
                ? vs.EnumerateArray().Select(v => v.TryGetProperty("version", out var version) ? version.GetString() : null).OfType<string>().ToList()
                : [];
            if (preferred is not null && versions.Remove(preferred))
                versions.Insert(0, preferred);
            if (group.TryGetProperty("name", out var name) && name.GetString() is { } groupName)
                groups[groupName] = versions;
        }
        return groups;
    }

    /// <summary>The listable top-level resources of one group version; none when the server no longer serves it (404).</summary>
    private static async Task<ResourceList> ResourcesAsync(ApiReader reader, string group, string version, CancellationToken cancellationToken)
    {
        var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        try
        {
            return await reader.ReadAsync(path, What, d => new ResourceList(group, version, Resources(d.RootElement)), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (ApiFailure.Status(e) == 404)
        {
            return new ResourceList(group, version, []);
        }
    }

    private static List<Resource> Resources(JsonElement resourceList)
    {
        var resources = new List<Resource>();
        if (!resourceList.TryGetProperty("resources", out var items) || items.ValueKind != JsonValueKind.Array)
            return resources;
        foreach (var item in items.EnumerateArray())
        {
            var name = item.TryGetProperty("name", out var n) ? n.GetString() : null;
            var kind = item.TryGetProperty("kind", out var k) ? k.GetString() : null;
            var listable = !item.TryGetProperty("verbs", out _) || Strings(item, "verbs").Contains("list");
            if (name is null || kind is null || name.Contains('/') || !listable)
                continue;
            resources.Add(new Resource(name, kind, item.TryGetProperty("namespaced", out var ns) && ns.ValueKind == JsonValueKind.True));
        }
        return resources;
    }

    private static List<string> Strings(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];

    private sealed record ResourceList(string Group, string Version, List<Resource> Resources);

    private sealed record Resource(string Plural, string Kind, bool Namespaced);
}
