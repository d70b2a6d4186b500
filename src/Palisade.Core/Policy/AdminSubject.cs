using Palisade.Labels;

namespace Palisade.Policy;

/// <summary>
/// The pods a cluster-scoped policy applies to, or a pod peer of one of its rules: the pods of the
/// namespaces <see cref="Namespaces"/> selects, narrowed by <see cref="Pods"/> when given.
/// </summary>
public sealed record AdminSubject(LabelSelector Namespaces, LabelSelector? Pods)
{
    /// <summary>Whether the pod, in a namespace with the given labels, is selected.</summary>
    public bool Matches(LabelSet namespaceLabels, LabelSet podLabels) =>
        Namespaces.Matches(namespaceLabels) && (Pods is null || Pods.Matches(podLabels));

    /// <inheritdoc />
    public override string ToString() =>
        Pods is null ? $"namespaces {Namespaces}" : $"pods {Pods} in namespaces {Namespaces}";
}
