using System.Text;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Core.Tests.Reference;

/// <summary>What an update step does; the targets of changes and removals are picked among the objects present.</summary>
public enum UpdateKind
{
    /// <summary>Add a new policy (or replace one of the same name).</summary>
    AddPolicy,

    /// <summary>Give an existing policy new contents.</summary>
    ChangePolicy,

    /// <summary>Delete an existing policy.</summary>
    RemovePolicy,

    /// <summary>Add a pod of its own workload.</summary>
    AddPod,

    /// <summary>Add a replica of an existing pod, in its workload.</summary>
    AddReplica,

    /// <summary>Give an existing pod new labels, ports and addresses.</summary>
    ChangePod,

    /// <summary>Delete an existing pod.</summary>
    RemovePod,

    /// <summary>Add a namespace or change its labels.</summary>
    SetNamespace,

    /// <summary>Delete a namespace with its pods and policies.</summary>
    RemoveNamespace,
}

/// <summary>One random update: its kind, a number picking the target, and the new contents it may use.</summary>
public sealed record UpdateStep(UpdateKind Kind, int Pick, NetworkPolicy Policy, Pod Pod, string Namespace, LabelSet Labels)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        UpdateKind.AddPolicy or UpdateKind.ChangePolicy => $"{Kind} #{Pick} {Policy} select {Policy.PodSelector} in=[{string.Join(" ; ", Policy.Ingress.Select(Rule))}] out=[{string.Join(" ; ", Policy.Egress.Select(Rule))}] types={(Policy.PolicyTypes is null ? "omitted" : string.Join(",", Policy.PolicyTypes))}",
        UpdateKind.AddPod or UpdateKind.ChangePod => $"{Kind} #{Pick} {Pod} {Pod.Labels} ports=[{string.Join(",", Pod.Ports)}] ips=[{string.Join(",", Pod.Addresses)}]{(Pod.HostNetwork ? " hostNetwork" : "")}",
        UpdateKind.SetNamespace => $"{Kind} {Namespace} {Labels}",
        UpdateKind.RemoveNamespace => $"{Kind} {Namespace}",
        _ => $"{Kind} #{Pick}",
    };

    private static string Rule(PolicyRule rule) => $"peers=[{string.Join(" | ", rule.Peers)}] ports=[{string.Join(",", rule.Ports)}]";
}

/// <summary>A starting cluster and the updates applied to it in order.</summary>
public sealed record UpdateCase(GeneratedCase Start, UpdateStep[] Steps)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Start.ToString());
        foreach (var step in Steps)
            text.Append("step ").Append(step).Append('\n');
        return text.ToString();
    }
}
