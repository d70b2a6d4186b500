namespace Palisade.Kubernetes.Crds;

/// <summary>Istio's workload selector: labels only, all of which a pod must carry.</summary>
internal sealed class IstioWorkloadSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }
}
