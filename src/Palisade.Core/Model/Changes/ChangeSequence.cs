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
    /// cluster's whole policy list. A later change's policy of the same namespace and name replaces the earlier ones and
    /// comes after the others, as applying them one by one does.
    /// </remarks>
    public override Cluster Apply(Cluster cluster)
    {
        var run = new List<NetworkPolicy?>();
        var at = new Dictionary<(string, string), List<int>>();
        foreach (var change in Changes)
        {
            if (change is not ApplyPolicies policies)
            {
                cluster = change.Apply(Flush(cluster, run, at));
                continue;
            }
            // As ApplyPolicies does: every earlier policy of a name this change holds goes, then all of the change's come.
            foreach (var policy in policies.Policies)
            {
                if (at.Remove((policy.Namespace, policy.Name), out var earlier))
                    earlier.ForEach(i => run[i] = null);
            }
            foreach (var policy in policies.Policies)
            {
                if (!at.TryGetValue((policy.Namespace, policy.Name), out var indices))
                    at[(policy.Namespace, policy.Name)] = indices = [];
                indices.Add(run.Count);
                run.Add(policy);
            }
        }
        return Flush(cluster, run, at);
    }

    private static Cluster Flush(Cluster cluster, List<NetworkPolicy?> run, Dictionary<(string, string), List<int>> at)
    {
        if (run.Count == 0)
            return cluster;
        var applied = new ApplyPolicies([.. run.OfType<NetworkPolicy>()]).Apply(cluster);
        run.Clear();
        at.Clear();
        return applied;
    }
}
