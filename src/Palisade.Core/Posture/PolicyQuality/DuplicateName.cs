using Palisade.Findings;

namespace Palisade.Posture.PolicyQuality;

/// <summary>An object declared twice (any kind): applying both declarations keeps only the later one.</summary>
public sealed class DuplicateName : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL209", "duplicate-name", "Object declared twice", Severity.Medium, "policy-quality",
        "Two manifests declare an object of the same kind, namespace and name; applying them keeps only the one applied last, so the other's rules silently never take effect.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var duplicate in context.Cluster.Duplicates)
        {
            yield return new Finding(Info, duplicate.Second,
                $"{duplicate.Second} is also declared at {duplicate.First.Location?.ToString() ?? "an earlier input"}; only the last one applied takes effect (this analysis keeps this one)",
                "Rename one of them or merge their rules into one object.")
            {
                Location = duplicate.Second.Location,
            };
        }
    }
}
