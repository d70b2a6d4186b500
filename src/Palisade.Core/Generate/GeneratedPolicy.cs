using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Generate;

/// <summary>
/// One generated NetworkPolicy: the policy in Core's terms (what the engine evaluates and the YAML writer turns
/// into a manifest), the workload it is for (none for a namespace's default deny), its rules with their origins,
/// and the comments written above it.
/// </summary>
public sealed record GeneratedPolicy(NetworkPolicy Policy)
{
    /// <summary>The label every generated policy carries, so that they can be listed and removed together.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The annotation marking policies inferred from manifests rather than observed traffic.</summary>
    public const string InferredAnnotation = "palisade.io/inferred";

    /// <summary>The workload the policy is for; null for a namespace's default deny.</summary>
    public WorkloadRef? Workload { get; init; }

    /// <summary>The ingress rules, in the policy's order.</summary>
    public IReadOnlyList<GeneratedRule> Ingress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The egress rules, in the policy's order.</summary>
    public IReadOnlyList<GeneratedRule> Egress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Comment lines written above the policy.</summary>
    public IReadOnlyList<string> Comments { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether the policy was inferred from manifests (<c>--from-manifests</c>).</summary>
    public bool Inferred { get; init; }

    /// <summary>The generated rules of one direction.</summary>
    public IReadOnlyList<GeneratedRule> Rules(PolicyDirection direction) => direction == PolicyDirection.Ingress ? Ingress : Egress;
}
