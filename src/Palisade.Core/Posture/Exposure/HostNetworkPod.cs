using Palisade.Findings;
namespace Palisade.Posture.Exposure;

/// <summary>
/// A workload on the host network: NetworkPolicy does not apply to it, and it can reach and bind node
/// addresses. System components in kube-system are reported at low severity.
/// </summary>
public sealed class HostNetworkPod : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL305", "host-network", "Workload uses the host network", Severity.High, "exposure",
        "A hostNetwork pod shares the node's network namespace: pod NetworkPolicies do not isolate it, it sees node traffic and can reach node-local services such as the kubelet.")
    {
        References = [References.CisHostNetwork, References.NsaPodSecurity, References.KubescapeHostNetwork],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            if (!pod.Pod.HostNetwork)
                continue;
            var system = pod.Pod.Namespace == "kube-system";
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} runs on the host network: no NetworkPolicy isolates it{(system ? " (a system component, expected for CNI and proxy agents)" : "")}",
                "Remove hostNetwork: true unless the workload is a node agent; expose it through a Service instead, and enforce the baseline Pod Security Standard.")
            {
                Field = context.FieldOf(pod.Pod, pod.Pod.SpecPath + ".hostNetwork"),
                Severity = system ? Severity.Low : Info.Severity,
            };
        }
    }
}
