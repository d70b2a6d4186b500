using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Palisade.Kubernetes.Mapping;

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
    public async Task<KindRead> ListAsync(ServedKind kind, bool withBodies, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> namespaces = kind.Namespaced && request.Namespaces.Count > 0 ? [.. request.Namespaces] : [null];
        var read = new KindRead(kind, withBodies);
        foreach (var ns in namespaces)
        {
            try
            {
                await ListCollectionAsync(read, ns, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (ApiFailure.Status(e) == 403)
            {
                return read.Refused(ApiFailure.Message(e));
            }
            catch (HttpOperationException e)
            {
                throw reader.Error(e, $"listing {kind.Resource}");
            }
        }
        return read;
    }

    private async Task ListCollectionAsync(KindRead read, string? ns, CancellationToken cancellationToken)
    {
        var kind = read.Kind;
        var start = read.Mark();
        var restarted = false;
        string? next = null;
        while (true)
        {
            var path = $"{kind.CollectionPath(ns)}?limit={request.PageSize.ToString(CultureInfo.InvariantCulture)}"
                + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            try
            {
                next = await reader.ReadAsync(path, $"listing {kind.Resource}", page => MapPage(read, page), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (ApiFailure.Status(e) == 410 && next is not null && !restarted)
            {
                restarted = true;
                next = null;
                read.RollBack(start);
                continue;
            }
            pageRead(kind, read.Objects.Count);
            if (next is null)
                return;
        }
    }

    /// <summary>Maps the page's items into the read and returns the continue token, null on the last page.</summary>
    private static string? MapPage(KindRead read, JsonDocument page)
    {
        var root = page.RootElement;
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                var mapped = ObjectMapper.Map(read.Kind.Row.Kind, Model(read.Kind, item));
                read.Objects.Add(mapped.Object);
                read.Warnings.AddRange(mapped.Warnings);
                read.Bodies?.Add(new(mapped.Object.Meta.Key, Body(read.Kind, item)));
            }
        }
        return root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("continue", out var token)
            && token.GetString() is { Length: > 0 } text ? text : null;
    }

    /// <summary>The item's JSON with the apiVersion and kind that list items of built-in kinds leave out.</summary>
    private static JsonNode Body(ServedKind kind, JsonElement item)
    {
        var body = JsonObject.Create(item.Clone())!;
        body["apiVersion"] ??= kind.GroupVersion;
        body["kind"] ??= kind.Row.Kind;
        return body;
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
