using Palisade.Model.Rbac;

namespace Palisade.Model.Changes;

/// <summary>Subjects removed from a binding (a JSON patch).</summary>
public sealed record RemoveSubjects(string Kind, string? Namespace, string Name, IReadOnlyList<int> Indexes) : ClusterEdit
{
    /// <summary>Indexes, compared element by element.</summary>
    public IReadOnlyList<int> Indexes { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Indexes);

    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster)
    {
        var bindings = cluster.Bindings.Select(b => b.Kind == Kind && b.Namespace == Namespace && b.Name == Name
            ? b with { Subjects = b.Subjects.Where((_, i) => !Indexes.Contains(i)).ToArray() }
            : b).ToArray();
        return cluster.With(bindings: bindings);
    }
}
