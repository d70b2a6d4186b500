namespace Palisade.Model;

/// <summary>The identity of a workload as reported: namespace, name and top-owner kind (or Pod).</summary>
public sealed record WorkloadRef(string Namespace, string Name, string Kind) : IComparable<WorkloadRef>
{
    /// <summary>np-guard's rendering: <c>ns/name[Kind]</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}[{Kind}]";

    /// <inheritdoc />
    public int CompareTo(WorkloadRef? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());
}
