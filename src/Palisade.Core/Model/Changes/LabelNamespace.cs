namespace Palisade.Model.Changes;

/// <summary>A label set on a namespace (<c>kubectl label namespace</c>); it may change what namespace selectors match.</summary>
public sealed record LabelNamespace(string Namespace, string Key, string Value) : ClusterEdit
{
    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster)
    {
        var namespaces = cluster.Network.Namespaces.Values
            .Select(n => n.Name == Namespace ? new NamespaceInfo(n.Name, n.Labels.With(Key, Value), n.Location) : n);
        return cluster.With(cluster.Network.With(namespaces: namespaces));
    }
}
