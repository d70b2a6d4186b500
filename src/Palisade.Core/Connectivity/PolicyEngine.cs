using System.Collections.Concurrent;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// Evaluates the policy tiers for ordered pairs of endpoints: the admin tier (AdminNetworkPolicy and
/// Admin ClusterNetworkPolicy, by priority, first matching rule wins), then NetworkPolicy v1, then the
/// baseline tier, then the default allow. A pair's verdict carries the rules that decide it. Thread safety: any
/// number of threads may evaluate at once (what is worked out on first use is filled under a lock).
/// </summary>
/// <remarks>
/// Building the engine costs time linear in pods and policies; what a pod's verdicts need (the policies
/// selecting it, their compiled rules, the pods each selector peer matches) is worked out on first use and
/// kept, so one question costs what its two endpoints need. The lazy parts are filled under a lock.
/// </remarks>
public sealed class PolicyEngine
{
    private readonly NetworkSnapshot _cluster;
    private readonly ConnectivityOptions _options;
    private readonly PodEndpoint[] _pods;
    private readonly PodEndpoint[] _all;
    private readonly Dictionary<string, PodEndpoint[]> _byNamespace;
    private readonly Dictionary<string, NetworkPolicy[]> _policiesByNamespace;
    private readonly Dictionary<SelectorPeer, string> _peerNamespace = new(ReferenceEqualityComparer.Instance);
    private readonly NetworkPolicy[]?[] _ingressPolicies;
    private readonly NetworkPolicy[]?[] _egressPolicies;
    private readonly CompiledRule[]?[] _ingressRules;
    private readonly CompiledRule[]?[] _egressRules;
    private readonly object _lazy = new();
    private readonly Dictionary<SelectorPeer, IndexSet> _selectorMatches = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IndexSet> _matchesByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyRule, CompiledRule> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, string[]> _namespacesMatching = new(StringComparer.Ordinal);
    private readonly AdminNetworkPolicy[][]?[] _tierBySide = new AdminNetworkPolicy[4][][];
    private readonly Func<IpSet, Pod, bool> _matchesAsAddress;
    private readonly ConcurrentDictionary<AdminSubject, bool[]> _adminMatches = new(ReferenceEqualityComparer.Instance);
    private int[]? _identityClass;
    private readonly bool _blocksMatchPods;

    /// <summary>Builds the engine for a snapshot.</summary>
    public PolicyEngine(NetworkSnapshot cluster, ConnectivityOptions? options = null)
    {
        _cluster = cluster;
        _options = options ?? ConnectivityOptions.Default;
        _pods = new PodEndpoint[cluster.Pods.Count];
        for (var i = 0; i < _pods.Length; i++)
            _pods[i] = new PodEndpoint(cluster.Pods[i], i);
        IngressController = cluster.IngressRoutes.Count == 0 ? null : new PodEndpoint(IngressControllerPod, _pods.Length);
        _all = IngressController is null ? _pods : [.. _pods, IngressController];
        ExternalSources = Externals(PolicyDirection.Ingress);
        ExternalDestinations = Externals(PolicyDirection.Egress);
        _byNamespace = ByNamespace(_all);
        _policiesByNamespace = PoliciesByNamespace(cluster.NetworkPolicies);
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is SelectorPeer selector && !_peerNamespace.TryAdd(selector, policy.Namespace)
                        && selector.NamespaceSelector is null && _peerNamespace[selector] != policy.Namespace)
                        throw new ArgumentException($"policy {policy.Namespace}/{policy.Name} shares a selector object with a policy of namespace {_peerNamespace[selector]}: the engine knows a peer by reference, as belonging to one namespace", nameof(cluster));
                }
            }
        }
        _ingressPolicies = new NetworkPolicy[_all.Length][];
        _egressPolicies = new NetworkPolicy[_all.Length][];
        _ingressRules = new CompiledRule[_all.Length][];
        _egressRules = new CompiledRule[_all.Length][];
        if (cluster.AdminPolicies.Count > 0)
        {
            foreach (var tier in new[] { AdminTier.Admin, AdminTier.Baseline })
            {
                foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
                    _tierBySide[Side(tier, direction)] = SelectingAdminPolicies(tier, direction);
            }
        }
        _matchesAsAddress = MatchesAsAddress;
        _blocksMatchPods = _options.IpBlockMatchesPodIps || Array.Exists(_pods, p => !IsSubjectToPolicies(p.Pod));
    }

    private ExternalEndpoint[] Externals(PolicyDirection direction) =>
        [.. ExternalPartition.Build(ExternalPartition.AddressSets(_cluster, direction), _options.Ipv6, _options.Ipv6Space).Select(r => new ExternalEndpoint(r))];

    private static Dictionary<string, PodEndpoint[]> ByNamespace(PodEndpoint[] pods)
    {
        var lists = new Dictionary<string, List<PodEndpoint>>(StringComparer.Ordinal);
        foreach (var endpoint in pods)
        {
            if (!lists.TryGetValue(endpoint.Pod.Namespace, out var list))
                lists[endpoint.Pod.Namespace] = list = [];
            list.Add(endpoint);
        }
        var result = new Dictionary<string, PodEndpoint[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (ns, list) in lists)
            result[ns] = list.ToArray();
        return result;
    }

    private static Dictionary<string, NetworkPolicy[]> PoliciesByNamespace(IReadOnlyList<NetworkPolicy> policies)
    {
        var lists = new Dictionary<string, List<NetworkPolicy>>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (!lists.TryGetValue(policy.Namespace, out var list))
                lists[policy.Namespace] = list = [];
            list.Add(policy);
        }
        var result = new Dictionary<string, NetworkPolicy[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (ns, list) in lists)
            result[ns] = list.ToArray();
        return result;
    }

    /// <summary>
    /// The identity class of a pod: pods of one class are told apart by no selector, port or address set
    /// of any policy, so every verdict about one holds for all (replicas of a workload, typically).
    /// </summary>
    public int IdentityClass(PodEndpoint pod)
    {
        if (_identityClass is null)
        {
            lock (_lazy)
                _identityClass ??= IdentityClasses();
        }
        return _identityClass[pod.Index];
    }

    /// <summary>
    /// Classes by namespace, labels, host network, ports and, for each address, the external ranges of both
    /// directions holding it: the partitions cut at every address set's bounds, so two addresses in the same
    /// ranges lie in the same address sets.
    /// </summary>
    private int[] IdentityClasses()
    {
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
            foreach (var address in pod.Addresses)
            {
                var source = RangeIndex(ExternalSources, address);
                var destination = RangeIndex(ExternalDestinations, address);
                if (source >= 0 && destination >= 0)
                    key.Append(source).Append(',').Append(destination).Append(';');
                else
                    key.Append(address).Append(';');
            }
            var text = key.ToString();
            if (!classes.TryGetValue(text, out var id))
                classes[text] = id = classes.Count;
            result[endpoint.Index] = id;
        }
        return result;
    }

    private static int RangeIndex(IReadOnlyList<ExternalEndpoint> ranges, System.Net.IPAddress address)
    {
        var single = IpRange.Single(address);
        int low = 0, high = ranges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var range = ranges[mid].Range;
            if (range.Contains(single))
                return mid;
            if (range.CompareTo(single) < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return -1;
    }

    private static int Side(AdminTier tier, PolicyDirection direction) => (int)tier * 2 + (int)direction;

    /// <summary>The compiled rules of the policies selecting the pod in the direction, in their order.</summary>
    private CompiledRule[] Rules(PodEndpoint pod, PolicyDirection direction)
    {
        var cache = direction == PolicyDirection.Ingress ? _ingressRules : _egressRules;
        if (cache[pod.Index] is { } rules)
            return rules;
        var policies = PoliciesSelecting(pod, direction);
        lock (_lazy)
        {
            var compiled = new List<CompiledRule>();
            foreach (var policy in policies)
            {
                foreach (var rule in policy.Rules(direction))
                {
                    // A rule object shared by two policies (built in memory) is compiled for each, as it explains with its policy.
                    if (!_compiled.TryGetValue(rule, out var c) || !ReferenceEquals(c.Policy, policy))
                    {
                        var selectors = new List<IndexSet>();
                        var blocks = new List<IpBlockPeer>();
                        foreach (var peer in rule.Peers)
                        {
                            if (peer is SelectorPeer selector)
                                selectors.Add(SelectorMatches(selector));
                            else if (peer is IpBlockPeer block)
                                blocks.Add(block);
                        }
                        _compiled[rule] = c = new CompiledRule(policy, rule, selectors.ToArray(), blocks.ToArray());
                    }
                    compiled.Add(c);
                }
            }
            return cache[pod.Index] = compiled.ToArray();
        }
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

    /// <summary>The NetworkPolicies that select the pod and isolate it in the direction, in the snapshot's order.</summary>
    public IReadOnlyList<NetworkPolicy> PoliciesSelecting(PodEndpoint pod, PolicyDirection direction)
    {
        var cache = direction == PolicyDirection.Ingress ? _ingressPolicies : _egressPolicies;
        if (cache[pod.Index] is { } known)
            return known;
        var selecting = new List<NetworkPolicy>();
        if (IsSubjectToPolicies(pod.Pod) && _policiesByNamespace.TryGetValue(pod.Pod.Namespace, out var candidates))
        {
            foreach (var policy in candidates)
            {
                if (policy.Affects(direction) && policy.PodSelector.Matches(pod.Pod.Labels))
                    selecting.Add(policy);
            }
        }
        return cache[pod.Index] = selecting.ToArray();
    }

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
        foreach (var rule in Rules(subject, direction))
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
        Tier(AdminTier.Admin, direction, subject).Length > 0 ||
        Tier(AdminTier.Baseline, direction, subject).Length > 0 && PoliciesSelecting(subject, direction).Count == 0;

    /// <summary>The policies of the tier that select the pod and have rules in the direction, in the order they decide.</summary>
    private AdminNetworkPolicy[] Tier(AdminTier tier, PolicyDirection direction, PodEndpoint subject) =>
        _tierBySide[Side(tier, direction)]?[subject.Index] ?? [];

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
        (SelectorPeer selector, PodEndpoint pod) => Matches(selector)[pod.Index],
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

    /// <summary>
    /// Sets the bits (by pod index; at least <c>Pods.Count / 64 + 1</c> words) of every pod whose connections the destination's own
    /// NetworkPolicies can admit: a pod outside them has nothing allowed to it. False when no such bound is known (no
    /// policy isolates it, a cluster-scoped tier governs it, a rule admits every peer, or an ipBlock can match a pod).
    /// </summary>
    internal bool AddIngressCandidates(PodEndpoint destination, ulong[] bits)
    {
        if (TiersGovern(destination, PolicyDirection.Ingress) || PoliciesSelecting(destination, PolicyDirection.Ingress).Count == 0)
            return false;
        foreach (var rule in Rules(destination, PolicyDirection.Ingress))
        {
            if (!rule.AddSelectedPods(bits, _blocksMatchPods))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Whether no policy of any tier selects the pod in the direction, so that everything is allowed on its side:
    /// <see cref="DirectionVerdict.IsOpen"/> of every verdict on that side, without evaluating one.
    /// </summary>
    public bool IsOpen(PodEndpoint pod, PolicyDirection direction) =>
        Tier(AdminTier.Admin, direction, pod).Length == 0 && PoliciesSelecting(pod, direction).Count == 0 && Tier(AdminTier.Baseline, direction, pod).Length == 0;

    private DirectionVerdict EvaluateSide(PolicyDirection direction, PodEndpoint subject, Endpoint peer, IReadOnlyList<ContainerPort> destinationPorts)
    {
        if (IsOpen(subject, direction))
            return DirectionVerdict.Open(direction);
        var admin = Tier(AdminTier.Admin, direction, subject);
        var policies = PoliciesSelecting(subject, direction);
        var baseline = Tier(AdminTier.Baseline, direction, subject);
        var adminDecisions = Decide(admin, direction, peer, destinationPorts, ConnectionSet.All);
        var matches = new List<RuleMatch>();
        foreach (var rule in Rules(subject, direction))
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

    // Read on every admin-peer check, so without the lock: the answer depends on nothing else, and two threads
    // computing it at once is harmless.
    private bool[] AdminMatches(AdminSubject selection) => _adminMatches.GetOrAdd(selection, s =>
    {
        var matches = new bool[_all.Length];
        foreach (var endpoint in _all)
        {
            var pod = endpoint.Pod;
            matches[endpoint.Index] = IsSubjectToPolicies(pod) && s.Matches(_cluster.NamespaceLabels(pod.Namespace), pod.Labels);
        }
        return matches;
    });

    /// <summary>The pods a selector peer of the snapshot's policies matches.</summary>
    private IndexSet Matches(SelectorPeer peer)
    {
        lock (_lazy)
            return SelectorMatches(peer);
    }

    /// <summary>
    /// The pods a selector peer matches, looking only at the namespaces it can select; equal peers (same
    /// selectors in the same namespace context) share one set. The caller holds the lock.
    /// </summary>
    private IndexSet SelectorMatches(SelectorPeer peer)
    {
        if (_selectorMatches.TryGetValue(peer, out var known))
            return known;
        var policyNamespace = _peerNamespace[peer];
        var key = $"{(peer.NamespaceSelector is null ? policyNamespace : "")}\0{peer.NamespaceSelector}\0{peer.PodSelector?.ToString() ?? "-"}";
        if (!_matchesByKey.TryGetValue(key, out var matches))
        {
            var members = new List<int>();
            foreach (var ns in peer.NamespaceSelector is null ? [policyNamespace] : NamespacesMatching(peer.NamespaceSelector))
            {
                if (!_byNamespace.TryGetValue(ns, out var pods))
                    continue;
                foreach (var endpoint in pods)
                {
                    if (IsSubjectToPolicies(endpoint.Pod) && (peer.PodSelector is null || peer.PodSelector.Matches(endpoint.Pod.Labels)))
                        members.Add(endpoint.Index);
                }
            }
            members.Sort();
            _matchesByKey[key] = matches = new IndexSet(members, _all.Length);
        }
        return _selectorMatches[peer] = matches;
    }

    /// <summary>
    /// The namespaces (holding pods) a namespace selector matches, cached by the selector's text. A selector on the
    /// name label (the usual way to pick one namespace) is checked against that namespace alone: a cluster with
    /// thousands of namespaces has as many such selectors.
    /// </summary>
    private string[] NamespacesMatching(LabelSelector selector)
    {
        var key = selector.ToString();
        if (_namespacesMatching.TryGetValue(key, out var names))
            return names;
        if (NamedNamespace(selector) is { } name)
            names = _byNamespace.ContainsKey(name) && selector.Matches(_cluster.NamespaceLabels(name)) ? [name] : [];
        else
            names = _byNamespace.Keys.Where(ns => selector.Matches(_cluster.NamespaceLabels(ns))).ToArray();
        return _namespacesMatching[key] = names;
    }

    private static string? NamedNamespace(LabelSelector selector)
    {
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (key == NamespaceInfo.NameLabel)
                return value;
        }
        return null;
    }
}
