using System.Net;
using System.Numerics;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Testing;

/// <summary>
/// A deliberately naive policy evaluator written straight from the rules in PRODUCT.md (admin tier, then
/// NetworkPolicy, then baseline tier, then allow; hostNetwork pods governed by none and matched only by
/// address): one pair,
/// one protocol, one port at a time, rule by rule, sharing no code with the engine (not even label
/// matching or CIDR arithmetic). The property tests check the engine against it.
/// </summary>
public sealed class ReferenceEvaluator(NetworkSnapshot cluster, bool ipBlockMatchesPodIps)
{
    /// <summary>Whether <paramref name="source"/> may open <paramref name="protocol"/>/<paramref name="port"/> to <paramref name="destination"/>.</summary>
    public bool Allows(object source, object destination, Protocol protocol, int port) =>
        SideAllows(source, destination, destination, protocol, port, egress: true) &&
        SideAllows(destination, source, destination, protocol, port, egress: false);

    /// <summary>Whether no policy of any tier governs the pod's side: no NetworkPolicy applies, no admin or baseline policy with rules in the direction selects it.</summary>
    public bool IsOpen(Pod pod, bool egress) =>
        !cluster.NetworkPolicies.Any(p => p.Namespace == pod.Namespace && SelectorMatches(p.PodSelector, pod.Labels.Items) && Applies(p, egress))
        && !cluster.AdminPolicies.Any(p => SubjectMatches(p.Subject, pod) && (egress ? p.Egress : p.Ingress).Count > 0);

    private static bool Applies(NetworkPolicy policy, bool egress) => egress
        ? policy.PolicyTypes is null ? policy.Egress.Count > 0 : policy.PolicyTypes.Contains(PolicyDirection.Egress)
        : policy.PolicyTypes is null || policy.PolicyTypes.Contains(PolicyDirection.Ingress);

    private bool SideAllows(object subject, object peer, object destination, Protocol protocol, int port, bool egress)
    {
        if (subject is not Pod pod || pod.HostNetwork)
            return true;
        switch (TierDecision(AdminTier.Admin, pod, peer, destination, protocol, port, egress))
        {
            case AdminAction.Allow:
                return true;
            case AdminAction.Deny:
                return false;
        }
        if (NetworkPolicyDecision(pod, peer, destination, protocol, port, egress) is { } decided)
            return decided;
        return TierDecision(AdminTier.Baseline, pod, peer, destination, protocol, port, egress) != AdminAction.Deny;
    }

    /// <summary>The action of the first matching rule of the tier's policies selecting the pod, by priority; null when none matches.</summary>
    private AdminAction? TierDecision(AdminTier tier, Pod pod, object peer, object destination, Protocol protocol, int port, bool egress)
    {
        var policies = cluster.AdminPolicies.Where(p => p.Tier == tier).OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (!SubjectMatches(policy.Subject, pod))
                continue;
            foreach (var rule in egress ? policy.Egress : policy.Ingress)
            {
                if (rule.Peers.Any(p => AdminPeerMatches(p, peer)) && (rule.Ports.Count == 0 || rule.Ports.Any(p => AdminPortMatches(p, protocol, port, destination))))
                    return rule.Action;
            }
        }
        return null;
    }

    private bool SubjectMatches(AdminSubject subject, Pod pod) =>
        SelectorMatches(subject.Namespaces, NamespaceLabels(pod.Namespace)) && (subject.Pods is null || SelectorMatches(subject.Pods, pod.Labels.Items));

    private bool AdminPeerMatches(AdminPeer entry, object peer) => (entry, peer) switch
    {
        (AdminPodPeer p, Pod pod) => !pod.HostNetwork && SubjectMatches(p.Selection, pod),
        (AdminNetworksPeer n, IPAddress address) => n.Cidrs.Any(c => InCidr(c, address)),
        (AdminNetworksPeer n, Pod pod) => (ipBlockMatchesPodIps || pod.HostNetwork) && pod.Addresses.Any(a => n.Cidrs.Any(c => InCidr(c, a))),
        _ => false,
    };

    private static bool AdminPortMatches(AdminPort entry, Protocol protocol, int port, object destination)
    {
        if (entry.Name is null)
            return entry.Protocol == protocol && port >= entry.Start && port <= entry.End;
        return destination is Pod pod && pod.Ports.Any(cp => cp.Name == entry.Name && cp.Protocol == protocol && cp.Port == port);
    }

    /// <summary>The NetworkPolicy tier's decision, or null when no policy isolates the pod in the direction.</summary>
    private bool? NetworkPolicyDecision(Pod pod, object peer, object destination, Protocol protocol, int port, bool egress)
    {
        var isolated = false;
        foreach (var policy in cluster.NetworkPolicies)
        {
            if (policy.Namespace != pod.Namespace || !SelectorMatches(policy.PodSelector, pod.Labels.Items))
                continue;
            if (!Applies(policy, egress))
                continue;
            isolated = true;
            foreach (var rule in egress ? policy.Egress : policy.Ingress)
            {
                if (RulePeersMatch(rule, policy.Namespace, peer) && RulePortsMatch(rule, protocol, port, destination))
                    return true;
            }
        }
        return isolated ? false : null;
    }

    private bool RulePeersMatch(PolicyRule rule, string policyNamespace, object peer)
    {
        if (rule.Peers.Count == 0)
            return true;
        foreach (var entry in rule.Peers)
        {
            switch (entry, peer)
            {
                case (SelectorPeer s, Pod p) when !p.HostNetwork:
                    var namespaceOk = s.NamespaceSelector is null
                        ? p.Namespace == policyNamespace
                        : SelectorMatches(s.NamespaceSelector, NamespaceLabels(p.Namespace));
                    if (namespaceOk && (s.PodSelector is null || SelectorMatches(s.PodSelector, p.Labels.Items)))
                        return true;
                    break;
                case (IpBlockPeer b, IPAddress address):
                    if (InBlock(b, address))
                        return true;
                    break;
                case (IpBlockPeer b, Pod p) when ipBlockMatchesPodIps || p.HostNetwork:
                    if (p.Addresses.Any(a => InBlock(b, a)))
                        return true;
                    break;
            }
        }
        return false;
    }

    private static bool RulePortsMatch(PolicyRule rule, Protocol protocol, int port, object destination)
    {
        if (rule.Ports.Count == 0)
            return true;
        foreach (var entry in rule.Ports)
        {
            if (entry.Protocol != protocol)
                continue;
            if (entry.Name is not null)
            {
                if (destination is Pod pod && pod.Ports.Any(cp => cp.Name == entry.Name && cp.Protocol == protocol && cp.Port == port))
                    return true;
            }
            else if (entry.Number is null || (port >= entry.Number && port <= (entry.EndPort ?? entry.Number)))
            {
                return true;
            }
        }
        return false;
    }

    private Dictionary<string, string> NamespaceLabels(string name)
    {
        var labels = cluster.Namespaces.TryGetValue(name, out var ns)
            ? ns.Labels.Items.ToDictionary(l => l.Key, l => l.Value)
            : [];
        labels.TryAdd("kubernetes.io/metadata.name", name);
        return labels;
    }

    private static bool SelectorMatches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        foreach (var e in selector.MatchExpressions)
        {
            var has = labels.TryGetValue(e.Key, out var actual);
            var ok = e.Operator switch
            {
                SelectorOperator.In => has && e.Values.Contains(actual),
                SelectorOperator.NotIn => !has || !e.Values.Contains(actual),
                SelectorOperator.Exists => has,
                _ => !has,
            };
            if (!ok)
                return false;
        }
        return true;
    }

    private static bool InBlock(IpBlockPeer block, IPAddress address) =>
        InCidr(block.Cidr, address) && !block.Except.Any(e => InCidr(e, address));

    private static bool InCidr(string cidr, IPAddress address)
    {
        var slash = cidr.IndexOf('/');
        var network = IPAddress.Parse(cidr[..slash]);
        if (network.AddressFamily != address.AddressFamily)
            return false;
        var prefix = int.Parse(cidr[(slash + 1)..]);
        var a = new BigInteger(network.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var b = new BigInteger(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var hostBits = network.GetAddressBytes().Length * 8 - prefix;
        return a >> hostBits == b >> hostBits;
    }
}
