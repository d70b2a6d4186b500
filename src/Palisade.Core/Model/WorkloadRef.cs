namespace Palisade.Model;

/// <summary>The identity of a workload as reported: namespace, name and top-owner kind (or Pod). Immutable and thread-safe.</summary>
public sealed record WorkloadRef(string Namespace, string Name, string Kind) : IComparable<WorkloadRef>
{
    // Peers, sorts and dictionaries ask for the name over and over (every workload, in every fix's proof): it is
    // formatted once. A benign race formats it twice at worst.
    private string? _text;

    private WorkloadRef(WorkloadRef original) => (Namespace, Name, Kind) = (original.Namespace, original.Name, original.Kind);

    /// <summary>np-guard's rendering: <c>ns/name[Kind]</c>.</summary>
    public override string ToString() => _text ??= $"{Namespace}/{Name}[{Kind}]";

    /// <inheritdoc />
    public bool Equals(WorkloadRef? other) =>
        ReferenceEquals(this, other) || other is not null && Namespace == other.Namespace && Name == other.Name && Kind == other.Kind;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Namespace, Name, Kind);

    /// <inheritdoc />
    public int CompareTo(WorkloadRef? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());
}
