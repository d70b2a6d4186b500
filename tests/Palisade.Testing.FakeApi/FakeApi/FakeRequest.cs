namespace Palisade.Testing.FakeApi;

/// <summary>
/// A request as the fake API server understood it. <see cref="Verb"/> is the authorization verb (<c>list</c>,
/// <c>watch</c>, <c>get</c>), null for discovery and unknown paths; <see cref="Resource"/> is null for those too.
/// </summary>
public sealed record FakeRequest(
    string Method,
    string Path,
    string? User,
    string? Verb,
    FakeResource? Resource,
    string? Namespace,
    string? Name,
    int? Limit,
    string? Continue,
    string? ResourceVersion,
    int? TimeoutSeconds)
{
    /// <summary>Whether the request is a list or a watch of a collection (in one namespace or all).</summary>
    public bool IsCollection => Verb is "list" or "watch";

    /// <summary>Reads the method, path and query into a request, resolving the resource among those served.</summary>
    internal static FakeRequest Parse(string method, string path, Func<string, string?> query, string? user,
        Func<string, string, string, FakeResource?> served)
    {
        var request = new FakeRequest(method, path, user, null, null, null, null,
            IntOrNull(query("limit")), NullIfEmpty(query("continue")), NullIfEmpty(query("resourceVersion")),
            IntOrNull(query("timeoutSeconds")));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var (group, version, rest) = segments switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => ("", "", Array.Empty<string>()),
        };
        var (plural, ns, name) = rest switch
        {
            ["namespaces", var n, var p] => (p, n, null),
            ["namespaces", var n, var p, var item] => (p, n, item),
            [var p] => (p, null, null),
            [var p, var item] => (p, null, item),
            _ => (null, null, (string?)null),
        };
        var resource = plural is null ? null : served(group, version, plural);
        if (resource is null || method != "GET" || !ScopeFits(resource, ns, name))
            return request;
        var watch = query("watch") is "true" or "1";
        var verb = name is not null ? "get" : watch ? "watch" : "list";
        return request with { Verb = verb, Resource = resource, Namespace = ns, Name = name };
    }

    /// <summary>A namespace in the path only for namespaced resources; one object of those only inside one.</summary>
    private static bool ScopeFits(FakeResource resource, string? ns, string? name) =>
        resource.Namespaced ? ns is not null || name is null : ns is null;

    private static int? IntOrNull(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
