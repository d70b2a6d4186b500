using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>An Istio AuthorizationPolicy (security.istio.io v1, v1beta1). Deserialisation target only; mapped into Core at once.</summary>
internal sealed class AuthorizationPolicyObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public AuthorizationPolicySpec? Spec { get; set; }
}

/// <summary>The spec: workloads covered, action and rules.</summary>
internal sealed class AuthorizationPolicySpec
{
    public IstioWorkloadSelector? Selector { get; set; }

    public string? Action { get; set; }

    public List<AuthorizationRule>? Rules { get; set; }
}

/// <summary>A rule; posture only needs to know whether each of its parts is empty.</summary>
internal sealed class AuthorizationRule
{
    public List<object>? From { get; set; }

    public List<object>? To { get; set; }

    public List<object>? When { get; set; }
}
