using System.Globalization;
using System.Text.Json;
using k8s.Autorest;
using Palisade.Kubernetes.Mapping;
using Palisade.Model;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// Lists every object of one kind, page by page (<c>limit</c>, <c>continue</c>), mapping each page's items as it
/// arrives so that only Core's objects are kept. An expired continue token (410: the server compacted the history
/// the list was reading) restarts that collection once. A refusal (403) is returned, not thrown, so that the
/// caller decides between failing and <c>--allow-partial</c>.
/// </summary>
internal sealed class KindLister(ApiReader reader, LiveRequest request, Action<ServedKind, int> pageRead)
{
    /// <summary>Lists the kind in every namespace, or in each namespace of the request when it is namespaced.</summary>
    public async Task<KindRead> ListAsync(ServedKind kind, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> namespaces = kind.Namespaced && request.Namespaces.Count > 0 ? [.. request.Namespaces] : [null];
        var objects = new List<ClusterObject>();
        var warnings = new List<string>();
        foreach (var ns in namespaces)
        {
            try
            {
                await ListCollectionAsync(kind, ns, objects, warnings, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (ApiFailure.Status(e) == 403)
            {
                return new KindRead(kind, [], [], ApiFailure.Message(e));
            }
            catch (HttpOperationException e)
            {
                throw reader.Error(e, $"listing {kind.Resource}");
            }
        }
        return new KindRead(kind, objects, warnings);
    }

    private async Task ListCollectionAsync(ServedKind kind, string? ns, List<ClusterObject> objects, List<string> warnings, CancellationToken cancellationToken)
    {
        var (firstObject, firstWarning) = (objects.Count, warnings.Count);
        var restarted = false;
        string? next = null;
        while (true)
        {
            var path = $"{kind.CollectionPath(ns)}?limit={request.PageSize.ToString(CultureInfo.InvariantCulture)}"
                + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            try
            {
                next = await reader.ReadAsync(path, $"listing {kind.Resource}", page => MapPage(kind, page, objects, warnings), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (ApiFailure.Status(e) == 410 && next is not null && !restarted)
            {
                restarted = true;
                next = null;
                objects.RemoveRange(firstObject, objects.Count - firstObject);
                warnings.RemoveRange(firstWarning, warnings.Count - firstWarning);
                continue;
            }
            pageRead(kind, objects.Count);
            if (next is null)
                return;
        }
    }

    /// <summary>Maps the page's items into <paramref name="objects"/> and returns the continue token, null on the last page.</summary>
    private static string? MapPage(ServedKind kind, JsonDocument page, List<ClusterObject> objects, List<string> warnings)
    {
        var root = page.RootElement;
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                var mapped = ObjectMapper.Map(kind.Row.Kind, Model(kind, item));
                objects.Add(mapped.Object);
                warnings.AddRange(mapped.Warnings);
            }
        }
        return root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("continue", out var token)
            && token.GetString() is { Length: > 0 } text ? text : null;
    }

    /// <summary>The item as the kind's client model; an item the model cannot hold (a custom resource off its schema) is bad input.</summary>
    private static object Model(ServedKind kind, JsonElement item)
    {
        try
        {
            return kind.Row.FromJson(item) ?? throw new JsonException("null item");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            var metadata = item.TryGetProperty("metadata", out var m) ? m : default;
            string? Name(string property) => metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(property, out var v) ? v.GetString() : null;
            var name = Name("namespace") is { } ns ? $"{ns}/{Name("name")}" : Name("name");
            throw new InvalidInputException(null, $"{kind.Row.Kind} {name}", null, $"cannot be read as a {kind.GroupVersion} {kind.Row.Kind}: {e.Message}");
        }
    }
}
