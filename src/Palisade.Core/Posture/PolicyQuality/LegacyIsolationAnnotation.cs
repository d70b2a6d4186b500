using Palisade.Findings;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A namespace relying on the pre-GA <c>net.beta.kubernetes.io/network-policy</c> isolation annotation,
/// which Kubernetes ignores since NetworkPolicy went GA (1.7): the namespace is not isolated.
/// </summary>
public sealed class LegacyIsolationAnnotation : IPostureCheck
{
    /// <summary>The annotation beta clusters read.</summary>
    public const string Annotation = "net.beta.kubernetes.io/network-policy";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL210", "legacy-isolation-annotation", "Namespace uses the ignored beta isolation annotation", Severity.Low, "policy-quality",
        "The net.beta.kubernetes.io/network-policy annotation configured default isolation before NetworkPolicy went GA; current clusters ignore it, so the namespace is open unless a default-deny policy exists.")
    {
        References = [References.NsaNetworkPolicies, References.CisNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var meta in context.Cluster.Objects)
        {
            if (meta.Resource.Kind != "Namespace" || !meta.Annotations.TryGetValue(Annotation, out var value))
                continue;
            var name = meta.Resource.Name;
            if (context.Unchanged(name))
                continue;
            var hasDefaultDeny = context.Network.NetworkPolicies.Any(p => p.Namespace == name && p.PodSelector.IsEmpty && p.AffectsIngress);
            var fix = hasDefaultDeny ? null : context.Lockdown(name, ingress: true, egress: false);
            yield return new Finding(Info, meta.Resource,
                $"namespace {name} carries {Annotation}: {value}, which is ignored{(hasDefaultDeny ? "; a default-deny policy isolates it anyway" : ", so the namespace is not isolated")}",
                "Remove the annotation and add a default-deny NetworkPolicy.")
            {
                Field = "metadata.annotations",
                Severity = hasDefaultDeny ? Severity.Info : Info.Severity,
                Fix = fix?.Text,
                FixChange = fix?.Change,
            };
        }
    }
}
