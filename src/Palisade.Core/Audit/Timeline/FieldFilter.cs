using System.Text.Json;
using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The <c>fieldSelector</c> of a deletecollection request, read from its URI: terms <c>path=value</c>,
/// <c>path==value</c> and <c>path!=value</c> on the object's fields (<c>metadata.name</c>, <c>status.phase</c>,
/// <c>spec.nodeName</c>...), as <c>kubectl delete pods --field-selector status.phase=Failed</c> sends them. A field
/// the replayed body lacks reads as empty; a selector it cannot read matches everything, as <see cref="LabelFilter"/>'s.
/// </summary>
public sealed class FieldFilter
{
    private readonly (string[] Path, bool Equal, string Value)[] _terms;

    private FieldFilter((string[], bool, string)[] terms) => _terms = terms;

    /// <summary>Every object.</summary>
    public static readonly FieldFilter All = new([]);

    /// <summary>The filter of the URI's <c>fieldSelector</c> parameter.</summary>
    public static FieldFilter FromUri(string uri)
    {
        if (Events.RequestUris.Parameter(uri, "fieldSelector") is not { } selector)
            return All;
        var terms = new List<(string[], bool, string)>();
        foreach (var term in selector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(term) is not { } parsed)
                return All;
            terms.Add(parsed);
        }
        return new FieldFilter([.. terms]);
    }

    private static (string[], bool, string)? Parse(string term)
    {
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        var equal = term.IndexOf('=');
        var (at, width, isEqual) = notEqual > 0 ? (notEqual, 2, false) : equal > 0 ? (equal, term.AsSpan(equal).StartsWith("==") ? 2 : 1, true) : (-1, 0, false);
        if (at <= 0)
            return null;
        var path = term[..at].Trim().Split('.');
        return Array.Exists(path, p => p.Length == 0) ? null : (path, isEqual, term[(at + width)..].Trim());
    }

    /// <summary>Whether the object's fields satisfy every term.</summary>
    public bool Matches(JsonNode body)
    {
        foreach (var (path, equal, value) in _terms)
        {
            if (string.Equals(Read(body, path), value, StringComparison.Ordinal) != equal)
                return false;
        }
        return true;
    }

    private static string Read(JsonNode body, string[] path)
    {
        JsonNode? node = body;
        foreach (var name in path)
            node = node is JsonObject o ? o[name] : null;
        return node is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.ToJsonString(),
        } : "";
    }
}
