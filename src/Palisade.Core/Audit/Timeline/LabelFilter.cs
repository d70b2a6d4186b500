using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The equality-based <c>labelSelector</c> of a deletecollection request (<c>a=b,c!=d,e</c>), read from its
/// URI; a selector it cannot read matches everything, so the replay errs towards removing.
/// </summary>
public sealed class LabelFilter
{
    private readonly (string Key, string? Value, bool Equal)[] _terms;

    private LabelFilter((string, string?, bool)[] terms) => _terms = terms;

    /// <summary>Every object.</summary>
    public static readonly LabelFilter All = new([]);

    /// <summary>The filter of the URI's <c>labelSelector</c> parameter.</summary>
    public static LabelFilter FromUri(string uri)
    {
        var query = uri.IndexOf('?');
        if (query < 0)
            return All;
        foreach (var parameter in uri[(query + 1)..].Split('&'))
        {
            if (!parameter.StartsWith("labelSelector=", StringComparison.Ordinal))
                continue;
            var terms = new List<(string, string?, bool)>();
            foreach (var term in Uri.UnescapeDataString(parameter["labelSelector=".Length..].Replace('+', ' ')).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (term.Contains(' ') || term.Contains('(') || term.StartsWith('!'))
                    return All;
                var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
                var equal = term.IndexOf('=');
                if (notEqual > 0)
                    terms.Add((term[..notEqual], term[(notEqual + 2)..], false));
                else if (equal > 0)
                    terms.Add((term[..equal], term[(equal + 1)..].TrimStart('='), true));
                else
                    terms.Add((term, null, true));
            }
            return new LabelFilter([.. terms]);
        }
        return All;
    }

    /// <summary>Whether the object's labels satisfy every term.</summary>
    public bool Matches(JsonNode body)
    {
        var labels = body["metadata"]?["labels"] as JsonObject;
        foreach (var (key, value, equal) in _terms)
        {
            var actual = labels?[key]?.GetValue<string>();
            var holds = value is null ? actual is not null : actual == value == equal;
            if (!holds)
                return false;
        }
        return true;
    }
}
