using Palisade.Policy;

namespace Palisade.Model.Changes;

/// <summary>Several changes applied in order (all the fixes at once).</summary>
public sealed record ChangeSequence(IReadOnlyList<ClusterEdit> Changes) : ClusterEdit
{
    /// <summary>Changes, compared element by element.</summary>
    public IReadOnlyList<ClusterEdit> Changes { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Changes);

    /// <inheritdoc />
    /// <remarks>
    /// A run of policy changes is applied as one: hundreds of fixes proven together would otherwise each copy the
    /// cluster's whole policy list. A later policy of the same namespace and name replaces an earlier one and comes
    /// after the others, as applying them one by one does.
    /// </remarks>
    public override Cluster Apply(Cluster cluster)
    {
        var run = new List<NetworkPolicy?>();
        var at = new Dictionary<(string, string), int>();
        foreach (var change in Changes)
        {
            if (change is ApplyPolicies policies)
            {
                foreach (var policy in policies.Policies)
                {
                    if (at.Remove((policy.Namespace, policy.Name), out var earlier))
                        run[earlier] = null;
                    at[(policy.Namespace, policy.Name)] = run.Count;
                    run.Add(policy);
                }
                continue;
            }
            cluster = Flush(cluster, run, at);
            cluster = change.Apply(cluster);
        }
        return Flush(cluster, run, at);
    }

    private static Cluster Flush(Cluster cluster, List<NetworkPolicy?> run, Dictionary<(string, string), int> at)
    {
        if (run.Count == 0)
            return cluster;
        var applied = new ApplyPolicies([.. run.OfType<NetworkPolicy>()]).Apply(cluster);
        run.Clear();
        at.Clear();
        return applied;
    }
}
