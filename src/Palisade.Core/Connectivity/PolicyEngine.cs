using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// Evaluates NetworkPolicy v1 for ordered pairs of endpoints. Selectors are evaluated once per pod when
/// the engine is built; a pair's verdict carries the rules that admit it.
/// </summary>
public sealed class PolicyEngine
{
    private readonly ClusterSnapshot _cluster;
    private readonly ConnectivityOptions _options;
    private readonly PodEndpoint[] _pods;
    private readonly NetworkPolicy[][] _ingressPolicies;
    private readonly NetworkPolicy[][] _egressPolicies;
    private readonly Dictionary<SelectorPeer, bool[]> _selectorMatches = new(ReferenceEqualityComparer.Instance);

    /// <summary>Builds the engine for a snapshot.</summary>
    public PolicyEngine(ClusterSnapshot cluster, ConnectivityOptions? options = null)
    {
        _cluster = cluster;
        _options = options ?? ConnectivityOptions.Default;
        _pods = cluster.Pods.Select((pod, i) => new PodEndpoint(pod, i)).ToArray();
        ExternalSources = ExternalPartition.Build(cluster.NetworkPolicies, PolicyDirection.Ingress).Select(r => new ExternalEndpoint(r)).ToArray();
        ExternalDestinations = ExternalPartition.Build(cluster.NetworkPolicies, PolicyDirection.Egress).Select(r => new ExternalEndpoint(r)).ToArray();
        _ingressPolicies = SelectingPolicies(PolicyDirection.Ingress);
        _egressPolicies = SelectingPolicies(PolicyDirection.Egress);
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is SelectorPeer selector)
                        _selectorMatches[selector] = MatchPods(policy, selector);
                }
            }
        }
    }

    /// <summary>The snapshot being evaluated.</summary>
    public ClusterSnapshot Cluster => _cluster;

    /// <summary>The modelling options.</summary>
    public ConnectivityOptions Options => _options;

    /// <summary>Every pod, in snapshot order.</summary>
    public IReadOnlyList<PodEndpoint> Pods => _pods;

    /// <summary>The external source ranges that ingress ipBlocks tell apart.</summary>
    public IReadOnlyList<ExternalEndpoint> ExternalSources { get; }

    /// <summary>The external destination ranges that egress ipBlocks tell apart.</summary>
    public IReadOnlyList<ExternalEndpoint> ExternalDestinations { get; }

    /// <summary>Whether the pod is governed by pod policies (hostNetwork pods are not, unless modelled as pods).</summary>
    public bool IsSubjectToPolicies(Pod pod) => !pod.HostNetwork || _options.HostNetworkAsPods;

    /// <summary>The policies that select the pod and isolate it in the direction.</summary>
    public IReadOnlyList<NetworkPolicy> PoliciesSelecting(PodEndpoint pod, PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? _ingressPolicies[pod.Index] : _egressPolicies[pod.Index];

    /// <summary>The full verdict for traffic from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public PairVerdict Evaluate(Endpoint source, Endpoint destination)
    {
        var destinationPorts = destination is PodEndpoint d ? d.Pod.Ports : [];
        var egress = source is PodEndpoint s
            ? EvaluateSide(PolicyDirection.Egress, s, destination, destinationPorts)
            : DirectionVerdict.Open(PolicyDirection.Egress);
        var ingress = destination is PodEndpoint dst
            ? EvaluateSide(PolicyDirection.Ingress, dst, source, destinationPorts)
            : DirectionVerdict.Open(PolicyDirection.Ingress);
        return new PairVerdict(source, destination, egress, ingress);
    }

    /// <summary>The connections allowed from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public ConnectionSet Allowed(Endpoint source, Endpoint destination) => Evaluate(source, destination).Allowed;

    /// <summary>Whether the rule's peers include the endpoint.</summary>
    public bool PeerMatches(PolicyRule rule, Endpoint endpoint)
    {
        if (rule.Peers.Count == 0)
            return true;
        foreach (var peer in rule.Peers)
        {
            if (PeerMatches(peer, endpoint))
                return true;
        }
        return false;
    }

    /// <summary>Whether one peer entry includes the endpoint.</summary>
    public bool PeerMatches(PolicyPeer peer, Endpoint endpoint) => (peer, endpoint) switch
    {
        (SelectorPeer selector, PodEndpoint pod) => _selectorMatches[selector][pod.Index],
        (IpBlockPeer block, ExternalEndpoint external) => block.Addresses.Contains(external.Range),
        (IpBlockPeer block, PodEndpoint pod) => MatchesAsAddress(block, pod.Pod),
        _ => false,
    };

    private DirectionVerdict EvaluateSide(PolicyDirection direction, PodEndpoint subject, Endpoint peer, IReadOnlyList<ContainerPort> destinationPorts)
    {
        var policies = PoliciesSelecting(subject, direction);
        if (policies.Count == 0)
            return DirectionVerdict.Open(direction);
        var matches = new List<RuleMatch>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Rules(direction))
            {
                if (!PeerMatches(rule, peer))
                    continue;
                var connections = RuleConnections(rule, destinationPorts);
                if (!connections.IsEmpty)
                    matches.Add(new RuleMatch(policy, rule, connections));
            }
        }
        return new DirectionVerdict(direction, true, policies, matches);
    }

    /// <summary>The connections a rule's ports admit towards a destination with the given container ports.</summary>
    public static ConnectionSet RuleConnections(PolicyRule rule, IReadOnlyList<ContainerPort> destinationPorts)
    {
        if (rule.Ports.Count == 0)
            return ConnectionSet.All;
        var connections = ConnectionSet.None;
        foreach (var port in rule.Ports)
            connections = connections.Union(port.Resolve(destinationPorts));
        return connections;
    }

    private bool MatchesAsAddress(IpBlockPeer block, Pod pod)
    {
        if (!_options.IpBlockMatchesPodIps && IsSubjectToPolicies(pod))
            return false;
        foreach (var address in pod.Addresses)
        {
            if (block.Addresses.Contains(address))
                return true;
        }
        return false;
    }

    private NetworkPolicy[][] SelectingPolicies(PolicyDirection direction)
    {
        var result = new NetworkPolicy[_pods.Length][];
        var lists = new List<NetworkPolicy>?[_pods.Length];
        var byNamespace = _pods.GroupBy(p => p.Pod.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        foreach (var policy in _cluster.NetworkPolicies)
        {
            if (!policy.Affects(direction) || !byNamespace.TryGetValue(policy.Namespace, out var candidates))
                continue;
            foreach (var pod in candidates)
            {
                if (IsSubjectToPolicies(pod.Pod) && policy.PodSelector.Matches(pod.Pod.Labels))
                    (lists[pod.Index] ??= []).Add(policy);
            }
        }
        for (var i = 0; i < result.Length; i++)
            result[i] = lists[i]?.ToArray() ?? [];
        return result;
    }

    private bool[] MatchPods(NetworkPolicy policy, SelectorPeer peer)
    {
        var matches = new bool[_pods.Length];
        var namespaceMatches = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var endpoint in _pods)
        {
            var pod = endpoint.Pod;
            if (!IsSubjectToPolicies(pod))
                continue;
            if (!namespaceMatches.TryGetValue(pod.Namespace, out var nsOk))
            {
                nsOk = peer.NamespaceSelector is null
                    ? pod.Namespace == policy.Namespace
                    : peer.NamespaceSelector.Matches(_cluster.NamespaceLabels(pod.Namespace));
                namespaceMatches[pod.Namespace] = nsOk;
            }
            matches[endpoint.Index] = nsOk && (peer.PodSelector is null || peer.PodSelector.Matches(pod.Labels));
        }
        return matches;
    }
}
