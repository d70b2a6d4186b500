using Palisade.Model;

namespace Palisade.Labels;

/// <summary>One <c>matchExpressions</c> entry. NotIn and DoesNotExist match objects lacking the key.</summary>
public sealed record SelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Values, compared element by element.</summary>
    public IReadOnlyList<string> Values { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Values);

    /// <summary>Whether the labels satisfy the requirement.</summary>
    public bool Matches(LabelSet labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.In => present && Contains(value),
            SelectorOperator.NotIn => !present || !Contains(value),
            SelectorOperator.Exists => present,
            _ => !present,
        };
    }

    private bool Contains(string value)
    {
        foreach (var v in Values)
        {
            if (v == value)
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Operator switch
    {
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => "!" + Key,
    };
}
