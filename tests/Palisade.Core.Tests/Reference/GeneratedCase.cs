using System.Text;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Core.Tests.Reference;

/// <summary>A random small cluster and the modelling option it is evaluated with.</summary>
public sealed record GeneratedCase(NetworkSnapshot Cluster, bool IpBlockMatchesPodIps)
{
    /// <summary>A readable dump, so a failing case can be reproduced by hand.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"ipBlockMatchesPodIps={IpBlockMatchesPodIps}\n");
        foreach (var ns in Cluster.Namespaces.Values)
            text.Append($"ns {ns.Name} {ns.Labels}\n");
        foreach (var pod in Cluster.Pods)
            text.Append($"pod {pod} {pod.Labels} ports=[{string.Join(",", pod.Ports)}] ips=[{string.Join(",", pod.Addresses)}]{(pod.HostNetwork ? " hostNetwork" : "")}\n");
        foreach (var policy in Cluster.NetworkPolicies)
        {
            text.Append($"policy {policy} select {policy.PodSelector} types={(policy.PolicyTypes is null ? "omitted" : string.Join(",", policy.PolicyTypes))}\n");
            foreach (var rule in policy.Ingress.Concat<PolicyRule>(policy.Egress))
                text.Append($"  {rule.Path} peers=[{string.Join(" | ", rule.Peers)}] ports=[{string.Join(",", rule.Ports)}]\n");
        }
        foreach (var policy in Cluster.AdminPolicies)
        {
            text.Append($"{policy} priority {policy.Priority} subject {policy.Subject}\n");
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
                text.Append($"  {rule.Path} {rule.Action} peers=[{string.Join(" | ", rule.Peers)}] ports=[{string.Join(",", rule.Ports)}]\n");
        }
        return text.ToString();
    }
}
