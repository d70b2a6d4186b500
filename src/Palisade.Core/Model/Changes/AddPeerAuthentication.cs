using Palisade.Model.Mesh;

namespace Palisade.Model.Changes;

/// <summary>A PeerAuthentication applied: it replaces the one of its namespace and name, or is added.</summary>
public sealed record AddPeerAuthentication(PeerAuthentication Policy) : ClusterEdit
{
    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster)
    {
        var mesh = cluster.Mesh;
        var kept = mesh.PeerAuthentications.Where(p => p.Namespace != Policy.Namespace || p.Name != Policy.Name);
        var order = mesh.PeerAuthentications.Count;
        return cluster.With(mesh: mesh with { PeerAuthentications = [.. kept, Policy with { Order = order }] });
    }
}
