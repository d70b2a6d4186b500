using System.Net;
using System.Numerics;
using System.Text;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// NetworkPolicy reachability over identity classes and port classes. Nodes are identity classes and the
/// external ranges; every peer entry is a bitset over nodes, shared by equal entries. A source's row is,
/// per port class, its egress-allowed destinations (the union of its egress rules' peer sets) AND the
/// destinations whose ingress admits it (open ones, and the subjects of the ingress rules whose peers hold
/// the source); a destination's column is the same product seen from the other side. Sides governed by a
/// cluster-scoped tier are left to <see cref="PolicyEngine.Allowed"/> pair by pair, for the classes
/// concerned only. The model can be edited (policies, pods, namespace labels) as long as the port and
/// address partitions it was built with still fit; <see cref="CanApply"/> and <see cref="CanAdd"/> say so.
/// </summary>
internal sealed class ReachabilityModel
{
    private readonly ConnectivityOptions _options;
    private readonly PolicyEngine? _tiers;
    private readonly PortClasses _ports;
    private readonly List<object?> _nodes = [];
    private readonly Stack<int> _free = new();
    private readonly NodeSet _classes = new();
    private readonly NodeSet _sources = new();
    private readonly NodeSet _destinations = new();
    private readonly NodeSet _ingressOpen = new();
    private readonly NodeSet _egressOpen = new();
    private readonly NodeSet _ingressByTiers = new();
    private readonly Dictionary<string, ClassNode> _classByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ClassNode>> _classesByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LabelSet> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _namespacesMatching = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerSet> _peerSets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), PolicyState> _policies = [];
    private readonly Dictionary<string, List<PolicyState>> _policiesByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, Protocol Protocol), Dictionary<int, NodeSet>> _named = [];
    private readonly Dictionary<string, int>[] _addressSets = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly (IpRange Range, int Node)[] _sourceRanges;
    private readonly (IpRange Range, int Node)[] _destinationRanges;
    private readonly Dictionary<ulong[], ConnectionSet> _interned = new(MaskComparer.Instance);
    private readonly StringBuilder _key = new();
    private ulong[] _first = [];
    private ulong[] _second = [];
    private ulong[] _masks = [];
    private bool[] _active = [];
    private ulong[] _probe = [];
    private readonly List<int> _touchedWords = [];
    private readonly List<int> _touchedNodes = [];

    /// <summary>
    /// Builds the model of a snapshot. With <paramref name="tiers"/> (required when the snapshot has
    /// cluster-scoped policies) its pods and external ranges are used, and it evaluates tier-governed pairs.
    /// </summary>
    public ReachabilityModel(NetworkSnapshot cluster, ConnectivityOptions options, PolicyEngine? tiers)
    {
        if (tiers is null && cluster.AdminPolicies.Count > 0)
            throw new ArgumentException("cluster-scoped policies need the engine", nameof(tiers));
        _options = options;
        _tiers = tiers;
        foreach (var ns in cluster.Namespaces.Values)
            _namespaceLabels[ns.Name] = ns.Labels;
        var sources = tiers?.ExternalSources ?? Partition(cluster, PolicyDirection.Ingress);
        var destinations = tiers?.ExternalDestinations ?? Partition(cluster, PolicyDirection.Egress);
        _sourceRanges = sources.Select(e => (e.Range, AddNode(e, _sources))).ToArray();
        _destinationRanges = destinations.Select(e => (e.Range, AddNode(e, _destinations, _ingressOpen))).ToArray();
        foreach (var (_, node) in _sourceRanges)
            _egressOpen.Assign(node, true);
        _ports = new PortClasses(NumericRanges(cluster.NetworkPolicies), NamedTargets(cluster.Pods));
        PodNodes = new int[cluster.Pods.Count];
        for (var i = 0; i < cluster.Pods.Count; i++)
        {
            var endpoint = tiers is null ? new PodEndpoint(cluster.Pods[i], i) : tiers.Pods[i];
            PodNodes[i] = AddPod(cluster.Pods[i], endpoint, tiers is null ? null : $"e{tiers.IdentityClass(endpoint)}", out _).Id;
        }
        foreach (var policy in cluster.NetworkPolicies)
            AddPolicy(policy);
    }

    /// <summary>The node of each pod of the snapshot the model was built from, in snapshot order.</summary>
    public int[] PodNodes { get; }

    /// <summary>The nodes of the external source ranges, in partition order.</summary>
    public IEnumerable<int> ExternalSourceNodes => _sourceRanges.Select(r => r.Node);

    /// <summary>The nodes of the external destination ranges, in partition order.</summary>
    public IEnumerable<int> ExternalDestinationNodes => _destinationRanges.Select(r => r.Node);

    /// <summary>The identity-class nodes.</summary>
    public IEnumerable<ClassNode> Classes => _classByKey.Values;

    /// <summary>Whether the class is still part of the model (a class goes with its last pod).</summary>
    public bool IsCurrent(ClassNode node) => node.Id < _nodes.Count && ReferenceEquals(_nodes[node.Id], node);

    /// <summary>The external range of a node, or null for an identity class.</summary>
    public ExternalEndpoint? External(int node) => _nodes[node] as ExternalEndpoint;

    /// <summary>The number of node ids in use or free; every id is below it.</summary>
    public int NodeCapacity => _nodes.Count;

    private int Words => (_nodes.Count + 63) >> 6;

    private static void AddCount(Dictionary<string, int> counts, string key, int delta)
    {
        counts.TryGetValue(key, out var count);
        if (count + delta == 0)
            counts.Remove(key);
        else
            counts[key] = count + delta;
    }

    private IReadOnlyList<ExternalEndpoint> Partition(NetworkSnapshot cluster, PolicyDirection direction) =>
        ExternalPartition.Build(ExternalPartition.AddressSets(cluster, direction), _options.Ipv6, _options.Ipv6Space).Select(r => new ExternalEndpoint(r)).ToArray();

    private static List<(Protocol Protocol, int Start, int End)> NumericRanges(IEnumerable<NetworkPolicy> policies)
    {
        var ranges = new HashSet<(Protocol, int, int)>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var port in rule.Ports)
                {
                    if (port.Name is null)
                        ranges.Add(Range(port));
                }
            }
        }
        return ranges.Order().ToList();
    }

    private static (Protocol Protocol, int Start, int End) Range(PolicyPort port) =>
        port.Number is { } n ? (port.Protocol, n, port.EndPort ?? n) : (port.Protocol, PortSet.MinPort, PortSet.MaxPort);

    private static HashSet<(Protocol Protocol, int Port)> NamedTargets(IEnumerable<Pod> pods)
    {
        var targets = new HashSet<(Protocol, int)>();
        foreach (var pod in pods)
        {
            foreach (var port in pod.Ports)
            {
                if (port.Name is not null)
                    targets.Add((port.Protocol, port.Port));
            }
        }
        return targets;
    }

    private int AddNode(object node, params NodeSet[] sets)
    {
        var id = Allocate();
        _nodes[id] = node;
        foreach (var set in sets)
            set.Assign(id, true);
        return id;
    }

    private int Allocate()
    {
        if (_free.Count > 0)
            return _free.Pop();
        _nodes.Add(null);
        return _nodes.Count - 1;
    }

    /// <summary>Whether a pod can join the model: its named ports must be port classes of their own.</summary>
    public bool CanAdd(Pod pod)
    {
        foreach (var port in pod.Ports)
        {
            if (port.Name is not null && !_ports.IsSingleton(port.Protocol, port.Port))
                return false;
        }
        return true;
    }

    /// <summary>Adds a pod to its class, creating the class (and its peer-set bits) when it is the first.</summary>
    public ClassNode AddPod(Pod pod, Endpoint representative, out bool created) => AddPod(pod, representative, null, out created);

    private ClassNode AddPod(Pod pod, Endpoint representative, string? engineKey, out bool created)
    {
        var subject = !pod.HostNetwork || _options.HostNetworkAsPods;
        var addressesMatter = _options.IpBlockMatchesPodIps || !subject;
        var key = engineKey ?? ClassKey(pod, subject, addressesMatter);
        created = !_classByKey.TryGetValue(key, out var node);
        if (node is null)
        {
            node = CreateClass(pod, representative, key, subject, addressesMatter);
            _classByKey[key] = node;
        }
        node.Pods++;
        return node;
    }

    /// <summary>Removes a pod; returns its class and whether the class went with it.</summary>
    public ClassNode RemovePod(Pod pod, out bool removed)
    {
        var subject = !pod.HostNetwork || _options.HostNetworkAsPods;
        var node = _classByKey[ClassKey(pod, subject, _options.IpBlockMatchesPodIps || !subject)];
        removed = --node.Pods == 0;
        if (removed)
            DeleteClass(node);
        return node;
    }

    private string ClassKey(Pod pod, bool subject, bool addressesMatter)
    {
        var key = _key.Clear().Append(pod.Namespace).Append('\0').Append(pod.Labels).Append('\0').Append(subject).Append('\0');
        foreach (var port in pod.Ports)
            key.Append(port.Name).Append('/').Append(port.Port).Append('/').Append((int)port.Protocol).Append(';');
        if (addressesMatter)
        {
            key.Append('\0');
            foreach (var address in pod.Addresses)
            {
                if (RangeNode(_sourceRanges, address) is { } s && RangeNode(_destinationRanges, address) is { } d)
                    key.Append(s).Append(',').Append(d).Append(';');
                else
                    key.Append(address).Append(';');
            }
        }
        return key.ToString();
    }

    private static int? RangeNode((IpRange Range, int Node)[] ranges, IPAddress address)
    {
        var single = IpRange.Single(address);
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var range = ranges[mid].Range;
            if (range.Contains(single))
                return ranges[mid].Node;
            if (range.CompareTo(single) < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return null;
    }

    private ClassNode CreateClass(Pod pod, Endpoint representative, string key, bool subject, bool addressesMatter)
    {
        var addressNodes = new List<int>();
        var others = new List<IPAddress>();
        if (addressesMatter)
        {
            foreach (var address in pod.Addresses)
            {
                if (RangeNode(_sourceRanges, address) is { } s && RangeNode(_destinationRanges, address) is { } d)
                    addressNodes.AddRange([s, d]);
                else
                    others.Add(address);
            }
        }
        var named = pod.Ports.Where(p => p.Name is not null).Select(p => (p.Name!, p.Protocol, _ports.ClassOf(p.Protocol, p.Port))).ToArray();
        var endpoint = representative as PodEndpoint;
        var id = Allocate();
        var node = new ClassNode(id, key, pod, representative, subject)
        {
            AddressNodes = addressNodes.ToArray(),
            OtherAddresses = others.ToArray(),
            NamedPorts = named,
            EgressByTiers = _tiers is not null && endpoint is not null && _tiers.TiersGovern(endpoint, PolicyDirection.Egress),
            IngressByTiers = _tiers is not null && endpoint is not null && _tiers.TiersGovern(endpoint, PolicyDirection.Ingress),
        };
        _nodes[id] = node;
        foreach (var set in new[] { _classes, _sources, _destinations })
            set.Assign(id, true);
        if (!_classesByNamespace.TryGetValue(pod.Namespace, out var inNamespace))
        {
            _classesByNamespace[pod.Namespace] = inNamespace = [];
            _namespacesMatching.Clear();
        }
        inNamespace.Add(node);
        if (!_namespaceLabels.ContainsKey(pod.Namespace))
            _namespaceLabels[pod.Namespace] = LabelSet.Empty.With(NamespaceInfo.NameLabel, pod.Namespace);
        foreach (var (name, protocol, portClass) in named)
        {
            if (!_named.TryGetValue((name, protocol), out var byClass))
                _named[(name, protocol)] = byClass = [];
            if (!byClass.TryGetValue(portClass, out var holders))
                byClass[portClass] = holders = new NodeSet();
            holders.Assign(id, true);
        }
        foreach (var set in _peerSets.Values)
            set.Members.Assign(id, Contains(set, node));
        if (_policiesByNamespace.TryGetValue(pod.Namespace, out var policies))
        {
            foreach (var policy in policies)
            {
                if (subject && policy.Policy.PodSelector.Matches(pod.Labels))
                    Select(policy, node);
            }
        }
        UpdateOpen(node);
        return node;
    }

    private void DeleteClass(ClassNode node)
    {
        _classByKey.Remove(node.Key);
        _classesByNamespace[node.Pod.Namespace].Remove(node);
        foreach (var set in _peerSets.Values)
            set.Members.Assign(node.Id, false);
        foreach (var (name, protocol, portClass) in node.NamedPorts)
            _named[(name, protocol)][portClass].Assign(node.Id, false);
        foreach (var policy in _policiesByNamespace.GetValueOrDefault(node.Pod.Namespace) ?? [])
            policy.Subjects.Remove(node);
        foreach (var set in new[] { _classes, _sources, _destinations, _ingressOpen, _egressOpen, _ingressByTiers })
            set.Assign(node.Id, false);
        _nodes[node.Id] = null;
        _free.Push(node.Id);
    }

    private void UpdateOpen(ClassNode node)
    {
        _ingressOpen.Assign(node.Id, node.Ingress.Count == 0 && !node.IngressByTiers);
        _egressOpen.Assign(node.Id, node.Egress.Count == 0 && !node.EgressByTiers);
        _ingressByTiers.Assign(node.Id, node.IngressByTiers);
    }

    private LabelSet NamespaceLabels(string name) =>
        _namespaceLabels.TryGetValue(name, out var labels) ? labels : LabelSet.Empty.With(NamespaceInfo.NameLabel, name);

    private bool Contains(PeerSet set, ClassNode node)
    {
        switch (set.Peer)
        {
            case null:
                return true;
            case SelectorPeer selector:
                return node.Subject
                    && (selector.NamespaceSelector is null
                        ? node.Pod.Namespace == set.PolicyNamespace
                        : selector.NamespaceSelector.Matches(NamespaceLabels(node.Pod.Namespace)))
                    && (selector.PodSelector is null || selector.PodSelector.Matches(node.Pod.Labels));
            case IpBlockPeer block:
                if (!_options.IpBlockMatchesPodIps && node.Subject)
                    return false;
                foreach (var range in node.AddressNodes)
                {
                    if (set.Members[range])
                        return true;
                }
                foreach (var address in node.OtherAddresses)
                {
                    if (block.Addresses.Contains(address))
                        return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether replacing <paramref name="removed"/> by <paramref name="added"/> (either may be null) keeps the
    /// partitions valid: every numeric port of the new policy is a union of port classes, and the ipBlock
    /// address sets of each direction stay the same set of values (they decide the external ranges).
    /// </summary>
    public bool CanApply(NetworkPolicy? removed, NetworkPolicy? added)
    {
        if (added is not null)
        {
            var scratch = new ulong[_ports.MaskWords];
            foreach (var rule in added.Ingress.Concat(added.Egress))
            {
                foreach (var port in rule.Ports)
                {
                    if (port.Name is null)
                    {
                        var (protocol, start, end) = Range(port);
                        if (!_ports.TryCover(protocol, start, end, scratch))
                            return false;
                    }
                }
            }
        }
        var delta = new Dictionary<(PolicyDirection, string), int>();
        foreach (var (policy, sign) in new[] { (removed, -1), (added, 1) })
        {
            if (policy is null)
                continue;
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is IpBlockPeer block)
                    {
                        var key = (rule.Direction, block.Addresses.ToString());
                        delta[key] = delta.GetValueOrDefault(key) + sign;
                    }
                }
            }
        }
        foreach (var ((direction, key), change) in delta)
        {
            var count = _addressSets[(int)direction].GetValueOrDefault(key);
            if ((count == 0) != (count + change == 0))
                return false;
        }
        return true;
    }

    /// <summary>The model's version of a policy, if it has one by that namespace and name.</summary>
    public PolicyState? Policy(string @namespace, string name) => _policies.GetValueOrDefault((@namespace, name));

    /// <summary>Adds a policy (none of that name may exist; see <see cref="CanApply"/>).</summary>
    public PolicyState AddPolicy(NetworkPolicy policy)
    {
        var state = new PolicyState(policy);
        state.Ingress = policy.AffectsIngress ? Compile(state, policy.Ingress, PolicyDirection.Ingress) : [];
        state.Egress = policy.AffectsEgress ? Compile(state, policy.Egress, PolicyDirection.Egress) : [];
        _policies[(policy.Namespace, policy.Name)] = state;
        if (!_policiesByNamespace.TryGetValue(policy.Namespace, out var inNamespace))
            _policiesByNamespace[policy.Namespace] = inNamespace = [];
        inNamespace.Add(state);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer is IpBlockPeer block)
                    AddCount(_addressSets[(int)rule.Direction], block.Addresses.ToString(), 1);
            }
        }
        if (_classesByNamespace.TryGetValue(policy.Namespace, out var candidates))
        {
            foreach (var node in candidates)
            {
                if (node.Subject && policy.PodSelector.Matches(node.Pod.Labels))
                    Select(state, node);
            }
        }
        return state;
    }

    private void Select(PolicyState state, ClassNode node)
    {
        state.Subjects.Add(node);
        if (state.Policy.AffectsIngress)
            node.Ingress.Add(state);
        if (state.Policy.AffectsEgress)
            node.Egress.Add(state);
        UpdateOpen(node);
    }

    /// <summary>Removes a policy of the model.</summary>
    public void RemovePolicy(PolicyState state)
    {
        var policy = state.Policy;
        foreach (var rule in state.Ingress.Concat(state.Egress))
        {
            foreach (var set in rule.Peers)
            {
                set.Rules.Remove(rule);
                if (set.Rules.Count == 0)
                    _peerSets.Remove(set.Key);
            }
        }
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer is IpBlockPeer block)
                    AddCount(_addressSets[(int)rule.Direction], block.Addresses.ToString(), -1);
            }
        }
        foreach (var node in state.Subjects)
        {
            node.Ingress.Remove(state);
            node.Egress.Remove(state);
            UpdateOpen(node);
        }
        _policies.Remove((policy.Namespace, policy.Name));
        _policiesByNamespace[policy.Namespace].Remove(state);
    }

    private RuleState[] Compile(PolicyState state, IReadOnlyList<PolicyRule> rules, PolicyDirection direction)
    {
        var compiled = new RuleState[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var numeric = new ulong[_ports.MaskWords];
            if (rule.Ports.Count == 0)
            {
                for (var c = 0; c < _ports.Count; c++)
                    numeric[c >> 6] |= 1UL << c;
            }
            var named = new List<(string, Protocol)>();
            foreach (var port in rule.Ports)
            {
                if (port.Name is not null)
                {
                    named.Add((port.Name, port.Protocol));
                    continue;
                }
                var (protocol, start, end) = Range(port);
                if (!_ports.TryCover(protocol, start, end, numeric))
                    throw new InvalidOperationException($"port {port} is not a union of port classes");
            }
            var peers = rule.Peers.Count == 0
                ? [PeerSetOf(null, direction, state.Policy.Namespace)]
                : rule.Peers.Select(p => PeerSetOf(p, direction, state.Policy.Namespace)).Distinct().ToArray();
            compiled[i] = new RuleState(state, peers, numeric, named.ToArray());
            foreach (var set in peers)
                set.Rules.Add(compiled[i]);
        }
        return compiled;
    }

    private PeerSet PeerSetOf(PolicyPeer? peer, PolicyDirection direction, string policyNamespace)
    {
        var key = PeerSet.KeyOf(peer, direction, policyNamespace);
        if (_peerSets.TryGetValue(key, out var set))
            return set;
        set = new PeerSet(key, direction, policyNamespace, peer);
        var ranges = direction == PolicyDirection.Ingress ? _sourceRanges : _destinationRanges;
        foreach (var (range, node) in ranges)
        {
            if (peer is null || peer is IpBlockPeer block && block.Addresses.Contains(range))
                set.Members.Assign(node, true);
        }
        foreach (var node in Candidates(peer, policyNamespace))
        {
            if (Contains(set, node))
                set.Members.Assign(node.Id, true);
        }
        _peerSets[key] = set;
        return set;
    }

    private IEnumerable<ClassNode> Candidates(PolicyPeer? peer, string policyNamespace) => peer switch
    {
        SelectorPeer { NamespaceSelector: null } => _classesByNamespace.GetValueOrDefault(policyNamespace) ?? [],
        SelectorPeer { NamespaceSelector: { } namespaces } => NamespacesMatching(namespaces).SelectMany(ns => _classesByNamespace[ns]),
        _ => _classByKey.Values,
    };

    /// <summary>The namespaces holding classes that the selector matches.</summary>
    private List<string> NamespacesMatching(LabelSelector selector)
    {
        // A selector pinning the name label, the usual way to name one namespace, needs no scan.
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (key == NamespaceInfo.NameLabel)
                return _classesByNamespace.ContainsKey(value) && selector.Matches(NamespaceLabels(value)) ? [value] : [];
        }
        var text = selector.ToString();
        if (!_namespacesMatching.TryGetValue(text, out var names))
            _namespacesMatching[text] = names = _classesByNamespace.Keys.Where(ns => selector.Matches(NamespaceLabels(ns))).ToList();
        return names;
    }

    /// <summary>Sets a namespace's labels; returns the classes whose peer-set membership may have changed.</summary>
    public IReadOnlyList<ClassNode> SetNamespaceLabels(string name, LabelSet labels)
    {
        _namespaceLabels[name] = labels;
        _namespacesMatching.Clear();
        var classes = _classesByNamespace.GetValueOrDefault(name) ?? [];
        foreach (var set in _peerSets.Values)
        {
            if (set.Peer is SelectorPeer { NamespaceSelector: not null })
            {
                foreach (var node in classes)
                    set.Members.Assign(node.Id, Contains(set, node));
            }
        }
        return classes.ToArray();
    }

    /// <summary>For every source node, the ingress peer sets holding it: the inverted index a full pass uses.</summary>
    public IngressIndex IngressIndex()
    {
        var index = new List<PeerSet>?[_nodes.Count];
        foreach (var set in _peerSets.Values)
        {
            if (set.Direction != PolicyDirection.Ingress)
                continue;
            var words = set.Members.Words;
            for (var w = 0; w < words.Length; w++)
            {
                for (var bits = words[w]; bits != 0; bits &= bits - 1)
                {
                    var node = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    (index[node] ??= []).Add(set);
                }
            }
        }
        return new IngressIndex(index, AdmissionsOf);
    }

    /// <summary>The subjects of the set's rules, each with the port classes some rule of the set covers towards it.</summary>
    private Admission[] AdmissionsOf(PeerSet set)
    {
        var masks = new Dictionary<int, ulong[]>();
        foreach (var rule in set.Rules)
        {
            foreach (var destination in rule.Policy.Subjects)
            {
                if (!masks.TryGetValue(destination.Id, out var mask))
                    masks[destination.Id] = mask = new ulong[_ports.MaskWords];
                for (var pc = 0; pc < _ports.Count; pc++)
                {
                    if (rule.Covers(pc, destination))
                        mask[pc >> 6] |= 1UL << pc;
                }
            }
        }
        var admissions = new Admission[masks.Count];
        var i = 0;
        foreach (var (node, mask) in masks)
            admissions[i++] = new Admission(node, mask);
        return admissions;
    }

    private void EnsureScratch()
    {
        var size = _ports.Count * Words;
        if (_first.Length < size)
        {
            _first = new ulong[size * 2];
            _second = new ulong[size * 2];
        }
        if (_masks.Length < _nodes.Count * _ports.MaskWords)
            _masks = new ulong[_nodes.Count * _ports.MaskWords * 2];
        if (_active.Length < _ports.Count)
        {
            _active = new bool[_ports.Count];
            _probe = new ulong[_ports.MaskWords];
        }
    }

    /// <summary>
    /// The connections from a source node (class or external source range) to every destination node with a
    /// non-empty set. <paramref name="index"/> (from <see cref="IngressIndex()"/>) saves scanning every peer set
    /// and working out what each set admits for every source again.
    /// </summary>
    public void Row(int source, List<(int Node, ConnectionSet Connections)> output, IngressIndex? index = null)
    {
        output.Clear();
        EnsureScratch();
        var node = _nodes[source] as ClassNode;
        var representative = node?.Representative ?? (Endpoint)_nodes[source]!;
        if (node is { EgressByTiers: true })
        {
            PerPair(representative, _destinations, null, output);
            return;
        }
        var words = Words;
        var egress = _first;
        if (node is null || node.Egress.Count == 0)
        {
            var all = node is null ? _classes.Words : _destinations.Words;
            for (var pc = 0; pc < _ports.Count; pc++)
            {
                NodeSet.Or(egress.AsSpan(pc * words, words), all);
                _active[pc] = true;
            }
        }
        else
        {
            foreach (var policy in node.Egress)
            {
                foreach (var rule in policy.Egress)
                {
                    foreach (var set in rule.Peers)
                        AddEgress(egress, words, rule, set);
                }
            }
        }
        var ingress = _second;
        if (index is not null)
        {
            foreach (var set in index.SetsHolding(source))
                AddAdmitted(ingress, words, index.Admissions(set));
        }
        else
        {
            foreach (var set in _peerSets.Values)
            {
                if (set.Direction == PolicyDirection.Ingress && set.Members[source])
                    AddIngressSubjects(ingress, words, set);
            }
        }
        var open = _ingressOpen.Words;
        var byTiers = _ingressByTiers.Words;
        for (var pc = 0; pc < _ports.Count; pc++)
        {
            if (!_active[pc])
                continue;
            var offset = pc * words;
            for (var w = 0; w < words; w++)
            {
                // Egress rows of isolated sources are sparse: most words end here.
                var allowed = egress[offset + w];
                if (allowed == 0)
                    continue;
                var bits = allowed & ((w < open.Length ? open[w] : 0) | ingress[offset + w]) & ~(w < byTiers.Length ? byTiers[w] : 0);
                for (; bits != 0; bits &= bits - 1)
                    Mark((w << 6) + BitOperations.TrailingZeroCount(bits), pc);
            }
        }
        if (_tiers is not null)
            PerPair(representative, _ingressByTiers, egress, output);
        Emit(output);
        Clear(egress, words);
        foreach (var w in _touchedWords)
            ingress[w] = 0;
        _touchedWords.Clear();
        Array.Clear(_active);
    }

    /// <summary>The connections into a destination class from every source node with a non-empty set.</summary>
    /// <remarks>Used by incremental updates, which the model only takes without cluster-scoped tiers.</remarks>
    public void Column(ClassNode destination, List<(int Node, ConnectionSet Connections)> output)
    {
        output.Clear();
        EnsureScratch();
        var words = Words;
        var ingress = _first;
        if (destination.Ingress.Count == 0)
        {
            for (var pc = 0; pc < _ports.Count; pc++)
            {
                NodeSet.Or(ingress.AsSpan(pc * words, words), _sources.Words);
                _active[pc] = true;
            }
        }
        else
        {
            foreach (var policy in destination.Ingress)
            {
                foreach (var rule in policy.Ingress)
                {
                    for (var pc = 0; pc < _ports.Count; pc++)
                    {
                        if (!rule.Covers(pc, destination))
                            continue;
                        _active[pc] = true;
                        foreach (var set in rule.Peers)
                            NodeSet.Or(ingress.AsSpan(pc * words, words), set.Members.Words);
                    }
                }
            }
        }
        var egress = _second;
        foreach (var set in _peerSets.Values)
        {
            if (set.Direction != PolicyDirection.Egress || !set.Members[destination.Id])
                continue;
            foreach (var rule in set.Rules)
            {
                for (var pc = 0; pc < _ports.Count; pc++)
                {
                    if (!_active[pc] || !rule.Covers(pc, destination))
                        continue;
                    foreach (var source in rule.Policy.Subjects)
                        SetBit(egress, pc * words, source.Id);
                }
            }
        }
        var open = _egressOpen.Words;
        for (var pc = 0; pc < _ports.Count; pc++)
        {
            if (!_active[pc])
                continue;
            var offset = pc * words;
            for (var w = 0; w < words; w++)
            {
                var admitted = ingress[offset + w];
                if (admitted == 0)
                    continue;
                var bits = admitted & ((w < open.Length ? open[w] : 0) | egress[offset + w]);
                for (; bits != 0; bits &= bits - 1)
                    Mark((w << 6) + BitOperations.TrailingZeroCount(bits), pc);
            }
        }
        Emit(output);
        Clear(ingress, words);
        foreach (var w in _touchedWords)
            egress[w] = 0;
        _touchedWords.Clear();
        Array.Clear(_active);
    }

    private void AddEgress(ulong[] egress, int words, RuleState rule, PeerSet set)
    {
        for (var pc = 0; pc < _ports.Count; pc++)
        {
            if ((rule.Numeric[pc >> 6] & (1UL << pc)) != 0)
            {
                NodeSet.Or(egress.AsSpan(pc * words, words), set.Members.Words);
                _active[pc] = true;
            }
        }
        foreach (var name in rule.Named)
        {
            if (!_named.TryGetValue(name, out var byClass))
                continue;
            foreach (var (pc, holders) in byClass)
            {
                NodeSet.OrAnd(egress.AsSpan(pc * words, words), set.Members.Words, holders.Words);
                _active[pc] = true;
            }
        }
    }

    private void AddAdmitted(ulong[] ingress, int words, Admission[] admissions)
    {
        foreach (var (destination, mask) in admissions)
        {
            for (var m = 0; m < mask.Length; m++)
            {
                for (var bits = mask[m]; bits != 0; bits &= bits - 1)
                {
                    var pc = (m << 6) + BitOperations.TrailingZeroCount(bits);
                    if (_active[pc])
                        SetBit(ingress, pc * words, destination);
                }
            }
        }
    }

    private void AddIngressSubjects(ulong[] ingress, int words, PeerSet set)
    {
        foreach (var rule in set.Rules)
        {
            foreach (var destination in rule.Policy.Subjects)
            {
                for (var pc = 0; pc < _ports.Count; pc++)
                {
                    if (_active[pc] && rule.Covers(pc, destination))
                        SetBit(ingress, pc * words, destination.Id);
                }
            }
        }
    }

    private void SetBit(ulong[] rows, int offset, int node)
    {
        var word = offset + (node >> 6);
        if (rows[word] == 0)
            _touchedWords.Add(word);
        rows[word] |= 1UL << node;
    }

    private void Mark(int node, int portClass)
    {
        var mask = node * _ports.MaskWords;
        var empty = true;
        for (var i = 0; i < _ports.MaskWords; i++)
            empty &= _masks[mask + i] == 0;
        if (empty)
            _touchedNodes.Add(node);
        _masks[mask + (portClass >> 6)] |= 1UL << portClass;
    }

    private void Emit(List<(int Node, ConnectionSet Connections)> output)
    {
        var maskWords = _ports.MaskWords;
        foreach (var node in _touchedNodes)
        {
            var mask = _masks.AsSpan(node * maskWords, maskWords);
            mask.CopyTo(_probe);
            if (!_interned.TryGetValue(_probe, out var connections))
            {
                connections = ConnectionSet.None;
                for (var pc = 0; pc < _ports.Count; pc++)
                {
                    if ((_probe[pc >> 6] & (1UL << pc)) != 0)
                        connections = connections.Union(_ports.Connections(pc));
                }
                _interned[(ulong[])_probe.Clone()] = connections;
            }
            output.Add((node, connections));
            mask.Clear();
        }
        _touchedNodes.Clear();
    }

    private void Clear(ulong[] rows, int words)
    {
        for (var pc = 0; pc < _ports.Count; pc++)
        {
            if (_active[pc])
                Array.Clear(rows, pc * words, words);
        }
    }

    /// <summary>
    /// Pairs with a tier-governed side, evaluated by the engine: from the source to every node of
    /// <paramref name="candidates"/> its (simple) egress rows reach, or to all of them when
    /// <paramref name="egress"/> is null.
    /// </summary>
    private void PerPair(Endpoint representative, NodeSet candidates, ulong[]? egress, List<(int Node, ConnectionSet Connections)> output)
    {
        var words = candidates.Words;
        var rowWords = Words;
        for (var w = 0; w < words.Length; w++)
        {
            for (var bits = words[w]; bits != 0; bits &= bits - 1)
            {
                var node = (w << 6) + BitOperations.TrailingZeroCount(bits);
                if (egress is not null && !Reaches(egress, rowWords, node))
                    continue;
                var other = _nodes[node] is ClassNode c ? c.Representative : (Endpoint)_nodes[node]!;
                var allowed = _tiers!.Allowed(representative, other);
                if (!allowed.IsEmpty)
                    output.Add((node, allowed));
            }
        }
    }

    private bool Reaches(ulong[] egress, int words, int node)
    {
        for (var pc = 0; pc < _ports.Count; pc++)
        {
            if (_active[pc] && (egress[pc * words + (node >> 6)] & (1UL << node)) != 0)
                return true;
        }
        return false;
    }
}
