using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The <c>labelSelector</c> of a deletecollection request, read from its URI: equality-based terms (<c>a=b</c>,
/// <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>) and set-based ones (<c>a in (x,y)</c>, <c>a notin (x,y)</c>), as
/// Kubernetes parses them; a selector it cannot read matches everything, so the replay errs towards removing.
/// </summary>
public sealed class LabelFilter
{
    private enum Op
    {
        Equal,
        NotEqual,
        Exists,
        NotExists,
        In,
        NotIn,
    }

    private readonly (string Key, Op Op, string[] Values)[] _terms;

    private LabelFilter((string, Op, string[])[] terms) => _terms = terms;

    /// <summary>Every object.</summary>
    public static readonly LabelFilter All = new([]);

    /// <summary>The filter of the URI's <c>labelSelector</c> parameter.</summary>
    public static LabelFilter FromUri(string uri)
    {
        if (Events.RequestUris.Parameter(uri, "labelSelector") is not { } selector)
            return All;
        var terms = new List<(string, Op, string[])>();
        foreach (var term in Terms(selector))
        {
            if (Parse(term) is not { } parsed)
                return All;
            terms.Add(parsed);
        }
        return new LabelFilter([.. terms]);
    }

    /// <summary>The selector's terms: split on the commas outside parentheses.</summary>
    private static IEnumerable<string> Terms(string selector)
    {
        var (start, depth) = (0, 0);
        for (var i = 0; i <= selector.Length; i++)
        {
            if (i < selector.Length && selector[i] != ',')
            {
                depth += selector[i] == '(' ? 1 : selector[i] == ')' ? -1 : 0;
                continue;
            }
            if (i < selector.Length && depth > 0)
                continue;
            var term = selector[start..i].Trim();
            if (term.Length > 0)
                yield return term;
            start = i + 1;
        }
    }

    private static (string, Op, string[])? Parse(string term)
    {
        if (term.StartsWith('!'))
            return term[1..].Trim() is { Length: > 0 } key && !key.Contains(' ') && !key.Contains('=') ? (key, Op.NotExists, []) : null;
        var open = term.IndexOf('(');
        if (open > 0)
        {
            var words = term[..open].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is not [var key, var op and ("in" or "notin")] || !term.EndsWith(')'))
                return null;
            var values = term[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
            return (key, op == "in" ? Op.In : Op.NotIn, values);
        }
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
            return (term[..notEqual].Trim(), Op.NotEqual, [term[(notEqual + 2)..].Trim()]);
        var equal = term.IndexOf('=');
        if (equal > 0)
            return (term[..equal].Trim(), Op.Equal, [term[(equal + 1)..].TrimStart('=').Trim()]);
        return term.Contains(' ') ? null : (term, Op.Exists, []);
    }

    /// <summary>Whether the object's labels satisfy every term.</summary>
    public bool Matches(JsonNode body)
    {
        var labels = body["metadata"]?["labels"] as JsonObject;
        foreach (var (key, op, values) in _terms)
        {
            var actual = labels?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            var holds = op switch
            {
                Op.Equal => actual == values[0],
                Op.NotEqual => actual != values[0],
                Op.Exists => actual is not null,
                Op.NotExists => actual is null,
                Op.In => actual is not null && Array.IndexOf(values, actual) >= 0,
                _ => actual is null || Array.IndexOf(values, actual) < 0,
            };
            if (!holds)
                return false;
        }
        return true;
    }
}
