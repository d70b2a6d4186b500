namespace Palisade.Model.Changes;

/// <summary>
/// What applying a fix does to a cluster, so that the fix can be applied in memory and the cluster checked again
/// before the fix is offered.
/// </summary>
public abstract record ClusterEdit
{
    /// <summary>The cluster with the change applied.</summary>
    public abstract Cluster Apply(Cluster cluster);

    /// <summary>This change followed by another.</summary>
    public ClusterEdit Then(ClusterEdit next) => new ChangeSequence([this, next]);
}
