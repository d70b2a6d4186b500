using Palisade.Model;

namespace Palisade.Labels;

/// <summary>A Kubernetes label selector: <c>matchLabels</c> AND <c>matchExpressions</c>; empty selects everything.</summary>
public sealed record LabelSelector(IReadOnlyList<KeyValuePair<string, string>> MatchLabels, IReadOnlyList<SelectorRequirement> MatchExpressions)
{
    /// <summary>MatchLabels, compared element by element.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MatchLabels { get; init => field = ValueCollections.List(value); } = ValueCollections.List(MatchLabels);

    /// <summary>MatchExpressions, compared element by element.</summary>
    public IReadOnlyList<SelectorRequirement> MatchExpressions { get; init => field = ValueCollections.List(value); } = ValueCollections.List(MatchExpressions);

    /// <summary>The empty selector, which matches every object.</summary>
    public static readonly LabelSelector Everything = new([], []);

    /// <summary>Validates the terms as the API server does and creates the selector; <paramref name="field"/> prefixes errors.</summary>
    public static LabelSelector Create(IEnumerable<KeyValuePair<string, string>>? matchLabels, IEnumerable<(string Key, string? Operator, IReadOnlyList<string> Values)>? matchExpressions, string field)
    {
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in matchLabels ?? [])
        {
            var error = LabelSyntax.KeyError(key) ?? LabelSyntax.ValueError(value ?? "");
            if (error is not null)
                throw new InvalidFieldException($"{field}.matchLabels.{key}", error);
            labels.Add(new(key, value ?? ""));
        }
        var requirements = new List<SelectorRequirement>();
        var index = 0;
        foreach (var (key, op, values) in matchExpressions ?? [])
        {
            var path = $"{field}.matchExpressions[{index++}]";
            if (LabelSyntax.KeyError(key ?? "") is { } keyError)
                throw new InvalidFieldException(path + ".key", keyError);
            var parsed = op switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => throw new InvalidFieldException(path + ".operator", $"\"{op}\" is not a valid operator (In, NotIn, Exists, DoesNotExist)"),
            };
            var needsValues = parsed is SelectorOperator.In or SelectorOperator.NotIn;
            if (needsValues && values.Count == 0)
                throw new InvalidFieldException(path + ".values", $"must be non-empty when operator is {op}");
            if (!needsValues && values.Count > 0)
                throw new InvalidFieldException(path + ".values", $"must be empty when operator is {op}");
            foreach (var value in values)
            {
                if (LabelSyntax.ValueError(value) is { } valueError)
                    throw new InvalidFieldException(path + ".values", valueError);
            }
            requirements.Add(new SelectorRequirement(key!, parsed, values));
        }
        return labels.Count == 0 && requirements.Count == 0 ? Everything : new LabelSelector(labels, requirements);
    }

    /// <summary>Whether it has no terms and so matches everything.</summary>
    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.Count == 0;

    /// <summary>Whether the labels satisfy every term.</summary>
    public bool Matches(LabelSet labels)
    {
        // Indexed loops: the lists are interfaces, whose enumerators are objects, and this runs per pod and selector.
        var matchLabels = MatchLabels;
        for (var i = 0; i < matchLabels.Count; i++)
        {
            var (key, value) = matchLabels[i];
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        var expressions = MatchExpressions;
        for (var i = 0; i < expressions.Count; i++)
        {
            if (!expressions[i].Matches(labels))
                return false;
        }
        return true;
    }

    /// <summary>The first term the labels fail, for explanations; null when they match.</summary>
    public string? FirstMismatch(LabelSet labels)
    {
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return $"{key}={value}";
        }
        foreach (var requirement in MatchExpressions)
        {
            if (!requirement.Matches(labels))
                return requirement.ToString();
        }
        return null;
    }

    /// <summary>Kubernetes selector syntax; <c>{}</c> for the empty selector.</summary>
    public override string ToString() => IsEmpty
        ? "{}"
        : string.Join(",", MatchLabels.Select(l => $"{l.Key}={l.Value}").Concat(MatchExpressions.Select(e => e.ToString())));
}
