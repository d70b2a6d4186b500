using System.Text.Json.Serialization;
using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// An audit policy (audit.k8s.io/v1 <c>kind: Policy</c>), the API server's configuration file, for which the
/// Kubernetes client has no model. Deserialisation target only; mapped into Core at once.
/// </summary>
internal sealed class AuditPolicyObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public List<AuditPolicyRuleObject>? Rules { get; set; }

    public List<string>? OmitStages { get; set; }
}

/// <summary>One rule of an audit policy.</summary>
internal sealed class AuditPolicyRuleObject
{
    public string? Level { get; set; }

    public List<string>? Users { get; set; }

    public List<string>? UserGroups { get; set; }

    public List<string>? Verbs { get; set; }

    public List<AuditGroupResourcesObject>? Resources { get; set; }

    public List<string>? Namespaces { get; set; }

    [JsonPropertyName("nonResourceURLs")]
    public List<string>? NonResourceUrls { get; set; }

    public List<string>? OmitStages { get; set; }
}

/// <summary>Resources of one API group in an audit rule.</summary>
internal sealed class AuditGroupResourcesObject
{
    public string? Group { get; set; }

    public List<string>? Resources { get; set; }

    public List<string>? ResourceNames { get; set; }
}
