using System.Collections.Concurrent;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// Evaluates the policy tiers for ordered pairs of endpoints: the admin tier (AdminNetworkPolicy and
/// Admin ClusterNetworkPolicy, by priority, first matching rule wins), then NetworkPolicy v1, then the
/// baseline tier, then the default allow. Selectors are evaluated once per pod when the engine is built;
/// a pair's verdict carries the rules that decide it. Thread safety: immutable once built except for caches of
/// selector matches, which are concurrent dictionaries, so any number of threads may evaluate at once.
/// </summary>
public sealed class PolicyEngine
{
    private readonly NetworkSnapshot _cluster;
    private readonly ConnectivityOptions _options;
    private readonly PodEndpoint[] _pods;
    private readonly PodEndpoint[] _all;
    private readonly NetworkPolicy[][] _ingressPolicies;
    private readonly NetworkPolicy[][] _egressPolicies;
    private readonly Dictionary<SelectorPeer, Bitset> _selectorMatches = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, PodEndpoint[]> _byNamespace;
    private readonly ConcurrentDictionary<string, string[]> _namespacesMatching = new(StringComparer.Ordinal);
    private readonly CompiledRule[][] _ingressRules;
    private readonly CompiledRule[][] _egressRules;
    private readonly AdminNetworkPolicy[][][] _tierBySide = new AdminNetworkPolicy[4][][];
    private readonly Func<IpSet, Pod, bool> _matchesAsAddress;
    private readonly int[] _identityClass;
    private readonly ConcurrentDictionary<AdminSubject, bool[]> _adminMatches = new(ReferenceEqualityComparer.Instance);

    /// <summary>Builds the engine for a snapshot.</summary>
    public PolicyEngine(NetworkSnapshot cluster, ConnectivityOptions? options = null)
    {
        _cluster = cluster;
        _options = options ?? ConnectivityOptions.Default;
        _pods = cluster.Pods.Select((pod, i) => new PodEndpoint(pod, i)).ToArray();
        IngressController = cluster.IngressRoutes.Count == 0 ? null : new PodEndpoint(IngressControllerPod, _pods.Length);
        _all = IngressController is null ? _pods : [.. _pods, IngressController];
        ExternalSources = ExternalPartition.Build(ExternalPartition.AddressSets(cluster, PolicyDirection.Ingress), _options.Ipv6).Select(r => new ExternalEndpoint(r)).ToArray();
        ExternalDestinations = ExternalPartition.Build(ExternalPartition.AddressSets(cluster, PolicyDirection.Egress), _options.Ipv6).Select(r => new ExternalEndpoint(r)).ToArray();
        _byNamespace = _all.GroupBy(p => p.Pod.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
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
        foreach (var tier in new[] { AdminTier.Admin, AdminTier.Baseline })
        {
            foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
                _tierBySide[Side(tier, direction)] = SelectingAdminPolicies(tier, direction);
        }
        _matchesAsAddress = MatchesAsAddress;
        _ingressRules = CompileRules(_ingressPolicies, PolicyDirection.Ingress);
        _egressRules = CompileRules(_egressPolicies, PolicyDirection.Egress);
        _identityClass = IdentityClasses();
    }

    /// <summary>
    /// The identity class of a pod: pods of one class are told apart by no selector, port or address set
    /// of any policy, so every verdict about one holds for all (replicas of a workload, typically).
    /// </summary>
    public int IdentityClass(PodEndpoint pod) => _identityClass[pod.Index];

    private int[] IdentityClasses()
    {
        var addressSets = ExternalPartition.AddressSets(_cluster, PolicyDirection.Ingress)
            .Concat(ExternalPartition.AddressSets(_cluster, PolicyDirection.Egress))
            .Distinct(ReferenceEqualityComparer.Instance).Cast<IpSet>().ToArray();
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[_all.Length];
        var key = new System.Text.StringBuilder();
        foreach (var endpoint in _all)
        {
            var pod = endpoint.Pod;
            key.Clear().Append(pod.Namespace).Append('\0').Append(pod.Labels).Append('\0').Append(pod.HostNetwork).Append('\0');
            foreach (var port in pod.Ports)
                key.Append(port.Name).Append('/').Append(port.Port).Append('/').Append(port.Protocol).Append(';');
            key.Append('\0');
            for (var i = 0; i < addressSets.Length; i++)
            {
                if (pod.Addresses.Any(addressSets[i].Contains))
                    key.Append(i).Append(',');
            }
            var text = key.ToString();
            if (!classes.TryGetValue(text, out var id))
                classes[text] = id = classes.Count;
            result[endpoint.Index] = id;
        }
        return result;
    }

    private static int Side(AdminTier tier, PolicyDirection direction) => (int)tier * 2 + (int)direction;

    private CompiledRule[][] CompileRules(NetworkPolicy[][] selecting, PolicyDirection direction)
    {
        var compiled = new Dictionary<PolicyRule, CompiledRule>(ReferenceEqualityComparer.Instance);
        return selecting.Select(policies => policies.SelectMany(p => p.Rules(direction).Select(rule => (p, rule))).Select(pair =>
        {
            if (!compiled.TryGetValue(pair.rule, out var c))
            {
                var selectors = pair.rule.Peers.OfType<SelectorPeer>().Select(peer => _selectorMatches[peer]).ToArray();
                compiled[pair.rule] = c = new CompiledRule(pair.p, pair.rule, selectors, pair.rule.Peers.OfType<IpBlockPeer>().ToArray());
            }
            return c;
        }).ToArray()).ToArray();
    }

    /// <summary>The snapshot being evaluated.</summary>
    public NetworkSnapshot Cluster => _cluster;

    /// <summary>The modelling options.</summary>
    public ConnectivityOptions Options => _options;

    /// <summary>Every pod, in snapshot order.</summary>
    public IReadOnlyList<PodEndpoint> Pods => _pods;

    /// <summary>
    /// The ingress controller, when some Ingress or Route exists: a pod without labels in its own namespace,
    /// so that policies select it as they would a real controller they know nothing about.
    /// </summary>
    public PodEndpoint? IngressController { get; }

    /// <summary>The pod that stands for the ingress controller.</summary>
    public static readonly Pod IngressControllerPod = new("ingress-controller-ns", "ingress-controller", LabelSet.Empty,
        new WorkloadRef("ingress-controller-ns", "ingress-controller", "Pod"));

    /// <summary>The external source ranges that ingress peers tell apart.</summary>
    public IReadOnlyList<ExternalEndpoint> ExternalSources { get; }

    /// <summary>The external destination ranges that egress peers tell apart.</summary>
    public IReadOnlyList<ExternalEndpoint> ExternalDestinations { get; }

    /// <summary>Whether the pod is governed by pod policies (hostNetwork pods are not, unless modelled as pods).</summary>
    public bool IsSubjectToPolicies(Pod pod) => !pod.HostNetwork || _options.HostNetworkAsPods;

    /// <summary>The NetworkPolicies that select the pod and isolate it in the direction.</summary>
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
    /// <remarks>
    /// Sides governed by NetworkPolicies alone (the common case) are computed here without building the
    /// verdict records; the result is the same as <c>Evaluate(source, destination).Allowed</c>, which the
    /// property tests check.
    /// </remarks>
    public ConnectionSet Allowed(Endpoint source, Endpoint destination)
    {
        var destinationPorts = destination is PodEndpoint d ? d.Pod.Ports : [];
        var egress = source is PodEndpoint s ? FastSide(PolicyDirection.Egress, s, destination, destinationPorts) : ConnectionSet.All;
        if (egress is null)
            return Evaluate(source, destination).Allowed;
        if (egress.IsEmpty)
            return egress;
        var ingress = destination is PodEndpoint dst ? FastSide(PolicyDirection.Ingress, dst, source, destinationPorts) : ConnectionSet.All;
        return ingress is null ? Evaluate(source, destination).Allowed : egress.Intersect(ingress);
    }

    /// <summary>What one side allows when no cluster-scoped policy governs it; null when one does.</summary>
    private ConnectionSet? FastSide(PolicyDirection direction, PodEndpoint subject, Endpoint peer, IReadOnlyList<ContainerPort> destinationPorts)
    {
        if (TiersGovern(subject, direction))
            return null;
        if (PoliciesSelecting(subject, direction).Count == 0)
            return ConnectionSet.All;
        var allowed = ConnectionSet.None;
        foreach (var rule in direction == PolicyDirection.Ingress ? _ingressRules[subject.Index] : _egressRules[subject.Index])
        {
            if (rule.Matches(peer, _matchesAsAddress))
            {
                allowed = allowed.Union(rule.Connections(destinationPorts));
                if (allowed.IsAll)
                    return allowed;
            }
        }
        return allowed;
    }

    /// <summary>
    /// Whether a cluster-scoped tier has a say on the pod's side: an admin policy selects it, or no
    /// NetworkPolicy isolates it and a baseline policy selects it. Other sides are NetworkPolicy alone.
    /// </summary>
    internal bool TiersGovern(PodEndpoint subject, PolicyDirection direction) =>
        _tierBySide[Side(AdminTier.Admin, direction)][subject.Index].Length > 0 ||
        PoliciesSelecting(subject, direction).Count == 0 && _tierBySide[Side(AdminTier.Baseline, direction)][subject.Index].Length > 0;

    /// <summary>Whether the rule's peers include the endpoint; the rule must belong to the snapshot's policies.</summary>
    internal bool PeerMatches(PolicyRule rule, Endpoint endpoint)
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

    /// <summary>Whether one peer entry (of the snapshot's policies, whose selectors were evaluated at build) includes the endpoint.</summary>
    internal bool PeerMatches(PolicyPeer peer, Endpoint endpoint) => (peer, endpoint) switch
    {
        (SelectorPeer selector, PodEndpoint pod) => _selectorMatches[selector][pod.Index],
        (IpBlockPeer block, ExternalEndpoint external) => block.Addresses.Contains(external.Range),
        (IpBlockPeer block, PodEndpoint pod) => MatchesAsAddress(block.Addresses, pod.Pod),
        _ => false,
    };

    /// <summary>Whether one peer of a cluster-scoped rule includes the endpoint.</summary>
    internal bool PeerMatches(AdminPeer peer, Endpoint endpoint) => (peer, endpoint) switch
    {
        (AdminPodPeer selection, PodEndpoint pod) => AdminMatches(selection.Selection)[pod.Index],
        (AdminNetworksPeer networks, ExternalEndpoint external) => networks.Addresses.Contains(external.Range),
        (AdminNetworksPeer networks, PodEndpoint pod) => MatchesAsAddress(networks.Addresses, pod.Pod),
        _ => false,
    };

    /// <summary>The connections a rule's ports admit towards a destination with the given container ports.</summary>
    public static ConnectionSet RuleConnections(PolicyRule rule, IReadOnlyList<ContainerPort> destinationPorts) =>
        PortsConnections(rule.Ports, p => p.Resolve(destinationPorts));

    /// <summary>The connections a cluster-scoped rule's ports cover towards a destination.</summary>
    public static ConnectionSet RuleConnections(AdminRule rule, IReadOnlyList<ContainerPort> destinationPorts) =>
        PortsConnections(rule.Ports, p => p.Resolve(destinationPorts));

    /// <summary>A rule's ports: every connection when it lists none, else the union of what each admits.</summary>
    private static ConnectionSet PortsConnections<T>(IReadOnlyList<T> ports, Func<T, ConnectionSet> resolve)
    {
        if (ports.Count == 0)
            return ConnectionSet.All;
        var connections = ConnectionSet.None;
        foreach (var port in ports)
            connections = connections.Union(resolve(port));
        return connections;
    }

    private DirectionVerdict EvaluateSide(PolicyDirection direction, PodEndpoint subject, Endpoint peer, IReadOnlyList<ContainerPort> destinationPorts)
    {
        var admin = _tierBySide[Side(AdminTier.Admin, direction)][subject.Index];
        var policies = PoliciesSelecting(subject, direction);
        var baseline = _tierBySide[Side(AdminTier.Baseline, direction)][subject.Index];
        if (admin.Length == 0 && policies.Count == 0 && baseline.Length == 0)
            return DirectionVerdict.Open(direction);
        var adminDecisions = Decide(admin, direction, peer, destinationPorts, ConnectionSet.All);
        var matches = new List<RuleMatch>();
        foreach (var rule in direction == PolicyDirection.Ingress ? _ingressRules[subject.Index] : _egressRules[subject.Index])
        {
            if (!rule.Matches(peer, _matchesAsAddress))
                continue;
            var connections = rule.Connections(destinationPorts);
            if (!connections.IsEmpty)
                matches.Add(new RuleMatch(rule.Policy, rule.Rule, connections));
        }
        var verdict = new DirectionVerdict(direction, policies.Count > 0, policies, matches)
        {
            AdminPolicies = admin,
            AdminDecisions = adminDecisions,
            BaselinePolicies = baseline,
        };
        return policies.Count > 0 || baseline.Length == 0
            ? verdict
            : verdict with { BaselineDecisions = Decide(baseline, direction, peer, destinationPorts, verdict.PassedByAdmin) };
    }

    private List<AdminDecision> Decide(AdminNetworkPolicy[] policies, PolicyDirection direction, Endpoint peer,
        IReadOnlyList<ContainerPort> destinationPorts, ConnectionSet undecided)
    {
        var decisions = new List<AdminDecision>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Rules(direction))
            {
                if (undecided.IsEmpty)
                    return decisions;
                if (!AnyPeerMatches(rule, peer))
                    continue;
                var part = RuleConnections(rule, destinationPorts).Intersect(undecided);
                if (part.IsEmpty)
                    continue;
                decisions.Add(new AdminDecision(policy, rule, part));
                undecided = undecided.Except(part);
            }
        }
        return decisions;
    }

    private bool AnyPeerMatches(AdminRule rule, Endpoint peer)
    {
        foreach (var candidate in rule.Peers)
        {
            if (PeerMatches(candidate, peer))
                return true;
        }
        return false;
    }

    private bool MatchesAsAddress(IpSet addresses, Pod pod)
    {
        if (!_options.IpBlockMatchesPodIps && IsSubjectToPolicies(pod))
            return false;
        foreach (var address in pod.Addresses)
        {
            if (addresses.Contains(address))
                return true;
        }
        return false;
    }

    private NetworkPolicy[][] SelectingPolicies(PolicyDirection direction)
    {
        var result = new NetworkPolicy[_all.Length][];
        var lists = new List<NetworkPolicy>?[_all.Length];
        foreach (var policy in _cluster.NetworkPolicies)
        {
            if (!policy.Affects(direction) || !_byNamespace.TryGetValue(policy.Namespace, out var candidates))
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

    private AdminNetworkPolicy[][] SelectingAdminPolicies(AdminTier tier, PolicyDirection direction)
    {
        var ordered = _cluster.AdminPolicies.Where(p => p.Tier == tier && p.Rules(direction).Count > 0)
            .OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var result = new AdminNetworkPolicy[_all.Length][];
        for (var i = 0; i < _all.Length; i++)
            result[i] = [];
        foreach (var policy in ordered)
        {
            var selected = AdminMatches(policy.Subject);
            for (var i = 0; i < _all.Length; i++)
            {
                if (selected[i])
                    result[i] = [.. result[i], policy];
            }
        }
        return result;
    }

    private bool[] AdminMatches(AdminSubject selection)
    {
        if (_adminMatches.TryGetValue(selection, out var cached))
            return cached;
        var matches = new bool[_all.Length];
        foreach (var endpoint in _all)
        {
            var pod = endpoint.Pod;
            matches[endpoint.Index] = IsSubjectToPolicies(pod) && selection.Matches(_cluster.NamespaceLabels(pod.Namespace), pod.Labels);
        }
        _adminMatches[selection] = matches;
        return matches;
    }

    /// <summary>The pods a selector peer matches, looking only at the namespaces it can select.</summary>
    private Bitset MatchPods(NetworkPolicy policy, SelectorPeer peer)
    {
        var matches = new Bitset(_all.Length);
        var namespaces = peer.NamespaceSelector is null ? [policy.Namespace] : NamespacesMatching(peer.NamespaceSelector);
        foreach (var ns in namespaces)
        {
            if (!_byNamespace.TryGetValue(ns, out var pods))
                continue;
            foreach (var endpoint in pods)
            {
                if (IsSubjectToPolicies(endpoint.Pod) && (peer.PodSelector is null || peer.PodSelector.Matches(endpoint.Pod.Labels)))
                    matches.Set(endpoint.Index);
            }
        }
        return matches;
    }

    /// <summary>The namespaces (holding pods) a namespace selector matches, cached by the selector's text.</summary>
    private string[] NamespacesMatching(LabelSelector selector)
    {
        var key = selector.ToString();
        if (!_namespacesMatching.TryGetValue(key, out var names))
            _namespacesMatching[key] = names = _byNamespace.Keys.Where(ns => selector.Matches(_cluster.NamespaceLabels(ns))).ToArray();
        return names;
    }
}
