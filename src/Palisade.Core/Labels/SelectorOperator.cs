namespace Palisade.Labels;

/// <summary>The operators of a label selector requirement.</summary>
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
