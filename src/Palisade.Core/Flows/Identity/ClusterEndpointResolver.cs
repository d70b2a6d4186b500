using System.Net;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Identity;

/// <summary>
/// Resolves addresses against a cluster history: node addresses first (the Node objects', their CNI's interface
/// addresses, and the pods' status.hostIP; a hostNetwork pod shares its node's address and is reported as the node, except at a port it serves or where the record names it), then the pod holding the address at the time, then Service cluster
/// IPs (to the workload of the Service's pods, at the target port); an address that none of these claims is
/// external, even inside the pod network. For Hubble records, whose endpoints name their pod, an address the
/// cluster does not know is resolved by that name when the cluster has the pod or its workload; one Cilium marks
/// as a node's (its router address in the node's pod range) is that node.
/// One instance per reading pass: not thread-safe (its caches grow as it goes).
/// </summary>
public sealed class ClusterEndpointResolver : IEndpointResolver
{
    private const int MaxAddresses = 1 << 20;
    private const uint HostIdentity = 1;
    private const uint RemoteNodeIdentity = 6;

    private readonly ClusterHistory _history;
    private readonly AddressOwners _owners;
    private readonly Dictionary<AddressKey, NodeInfo> _nodes = [];
    // The addresses of _nodes that are a node's interface addresses (its CNI's devices), not its status addresses.
    private readonly HashSet<AddressKey> _interfaceAddresses = [];
    private readonly HashSet<AddressKey> _clusterAddresses = [];
    private readonly IpSet _clusterRanges;
    private readonly Dictionary<Pod, FlowPeer> _pods = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AddressKey, FlowPeer> _nodePeers = [];
    private readonly Dictionary<AddressKey, AddressEntry> _addresses = [];
    private readonly Dictionary<(AddressKey, string?), FlowPeer?> _routers = [];
    // Node addresses a pod holds as its own (not through hostNetwork): EKS Fargate gives each pod a node of its own.
    private readonly HashSet<AddressKey> _podNodes = [];
    // The /24 of each node's pods (IPv4), null where pods of several nodes share one: where Cilium allocates the pod
    // ranges itself (cluster-pool IPAM, a /24 per node), the Node objects' podCIDRs do not hold them.
    private readonly Dictionary<uint, NodeInfo?> _podBlocks = [];
    private readonly Dictionary<int, StateIndex> _states = [];
    // Every port some pod declares or some Service targets, in any state: a node's address at another port is the node's
    // without looking for the pods of a state that serve it.
    private readonly HashSet<(int, Protocol)> _servedPorts = [];
    // VPC connections to pods at the client's interface, by client address and port, port and protocol (AtSecondaryAddress).
    private readonly Dictionary<(AddressKey, int, int, int), (FlowPeer Peer, long Ticks)> _secondaries = [];
    private static readonly long SecondaryWithin = TimeSpan.FromMinutes(10).Ticks;
    // About 16 MB: a VPC log's connections to pods over the minutes between the two interfaces' records of one.
    private const int MaxSecondaries = 1 << 18;
    private readonly Numbering _numbering;

    /// <summary>Prepares resolution over every state of the history.</summary>
    public ClusterEndpointResolver(ClusterHistory history)
        : this(history, null)
    {
    }

    /// <summary>
    /// Prepares resolution over a longer history for a check that goes on: peers keep the numbers the previous
    /// resolver gave their names (<see cref="FlowPeer.Id"/>), which detectors key their state by. The previous
    /// resolver must not be used after.
    /// </summary>
    public ClusterEndpointResolver(ClusterHistory history, ClusterEndpointResolver? previous)
    {
        _numbering = previous?._numbering ?? new Numbering();
        _history = history;
        _owners = AddressOwners.Build(history);
        var ranges = new List<IpRange>();
        foreach (var state in history.States)
        {
            foreach (var node in state.Snapshot.Nodes)
            {
                foreach (var address in node.Addresses)
                    _nodes.TryAdd(AddressKey.Of(address), node);
                // Tunnel, router and bridge devices: what the node sends from them is the node's.
                foreach (var address in node.InterfaceAddresses)
                {
                    var key = AddressKey.Of(address);
                    if (_nodes.TryAdd(key, node))
                        _interfaceAddresses.Add(key);
                }
                ranges.AddRange(node.PodCidrs);
            }
            foreach (var service in state.Snapshot.Services)
            {
                foreach (var address in Addresses(service))
                    _clusterAddresses.Add(address);
                foreach (var port in service.Ports)
                    _servedPorts.Add((port.TargetPortNumber ?? port.Port, port.Protocol));
            }
        }
        AddNodesOfPods(history);
        _clusterAddresses.UnionWith(_nodes.Keys);
        _clusterAddresses.UnionWith(_owners.Addresses);
        _clusterRanges = IpSet.Of(ranges);
    }

    /// <summary>
    /// Nodes as their pods know them: a pod's status.hostIP is the address of the node spec.nodeName names. A dump of
    /// namespaced objects (<c>kubectl get all</c>) has no Node objects, and a Node may list other addresses than the
    /// one its pods give; either way the node's traffic is still the node's. Then the node addresses pods hold as
    /// their own (<see cref="_podNodes"/>).
    /// </summary>
    private void AddNodesOfPods(ClusterHistory history)
    {
        var byName = new Dictionary<string, NodeInfo>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values)
            byName.TryAdd(node.Name, node);
        foreach (var state in history.States)
        {
            foreach (var pod in state.Snapshot.Pods)
            {
                // A pod that is its own node (EKS Fargate: hostIP is the pod's IP) keeps its address.
                if (pod is not { FromTemplate: false, HostIp: { } host, NodeName: { Length: > 0 } name } || _nodes.ContainsKey(AddressKey.Of(host))
                    || !pod.HostNetwork && pod.Addresses.Contains(host))
                    continue;
                if (!byName.TryGetValue(name, out var node))
                    byName[name] = node = new NodeInfo(name) { Addresses = [host] };
                _nodes[AddressKey.Of(host)] = node;
            }
        }
        foreach (var state in history.States)
        {
            foreach (var pod in state.Snapshot.Pods)
            {
                foreach (var port in pod.Ports)
                    _servedPorts.Add((port.Port, port.Protocol));
                foreach (var address in pod.HostNetwork ? [] : pod.Addresses)
                {
                    var key = AddressKey.Of(address);
                    if (_nodes.ContainsKey(key))
                        _podNodes.Add(key);
                    else if (!key.IsV6 && !pod.FromTemplate && pod.NodeName is { Length: > 0 } nodeName && byName.TryGetValue(nodeName, out var node))
                        _podBlocks[key.V4 >> 8] = _podBlocks.TryGetValue(key.V4 >> 8, out var known) && known != node ? null : node;
                }
            }
        }
    }

    /// <summary>
    /// The addresses a Service owns: its cluster IPs, then its externalIPs and load balancer addresses, through which
    /// pods reach it as they do through the cluster IP (kube-proxy and Cilium translate them to its pods alike).
    /// </summary>
    private static IEnumerable<AddressKey> Addresses(ServiceInfo service)
    {
        foreach (var address in service.ClusterIps)
            yield return AddressKey.Of(address);
        foreach (var text in service.ExternalIps)
        {
            if (System.Net.IPAddress.TryParse(text, out var address))
                yield return AddressKey.Of(address);
        }
        foreach (var address in service.LoadBalancerIps)
            yield return AddressKey.Of(address);
    }

    /// <inheritdoc />
    public ResolvedEndpoint? Source(FlowRecord record, int state) =>
        record.Source is not null ? End(record.SourceKey, record.SourcePort, record, record.SourceInfo, state) : null;

    /// <inheritdoc />
    public ResolvedEndpoint? Destination(FlowRecord record, int state)
    {
        if (record.Destination is null)
            return null;
        var end = End(record.DestinationKey, record.DestinationPort, record, record.DestinationInfo, state);
        return record.Format == FlowFormat.Vpc ? AtSecondaryAddress(record, end) : end;
    }

    /// <summary>
    /// VPC v2 writes a packet to a pod's secondary address with its interface's primary address (the node's) in dstaddr at
    /// the server's interface, where the client's interface wrote the pod's: a record to a node's address from the client
    /// address and port, to the port, that the client's interface recorded to a pod of that node within the connection
    /// timeout of it is that pod's.
    /// </summary>
    private ResolvedEndpoint AtSecondaryAddress(FlowRecord record, ResolvedEndpoint end)
    {
        if (record.Source is null || record.SourcePort is not { } sourcePort || end.Port is not { } port)
            return end;
        var key = (record.SourceKey, sourcePort, port, record.Protocol ?? 0);
        var ticks = record.Time.UtcTicks;
        if (end.Peer is { Kind: FlowPeerKind.Pod, Pod: { HostNetwork: false, HostIp: not null } })
        {
            if (_secondaries.Count >= MaxSecondaries)
                _secondaries.Clear();
            _secondaries[key] = (end.Peer, ticks);
        }
        else if (end.Peer is { Kind: FlowPeerKind.Node, Address: { } node } && _secondaries.TryGetValue(key, out var seen)
            && Math.Abs(ticks - seen.Ticks) <= SecondaryWithin && seen.Peer.Pod!.HostIp is { } host && AddressKey.Of(host) == node)
            return new ResolvedEndpoint(seen.Peer, port, null);
        return end;
    }

    private ResolvedEndpoint End(AddressKey address, int? port, FlowRecord record, FlowEndpointInfo? info, int state)
    {
        var entry = Entry(address);
        var peer = Resolve(entry, record, info, state);
        // A hostNetwork pod's record that names it (Hubble's namespace and pod_name): the pod held the node's address, which
        // the contract resolves before the node; the control-plane ports stay the node's, as below.
        if (peer.Kind == FlowPeerKind.Node && info is { PodName: not null } && (port is not { } at || !StateIndex.IsControlPlanePort(at))
            && Index(state).OnHost(info, address) is { } named)
            return new ResolvedEndpoint(PodPeer(named), port, null);
        if (peer.Kind == FlowPeerKind.External && ServiceAt(entry, state) is { } service)
            return ThroughService(Index(state).Exposing(service, entry.Address, port), entry, port, record.Protocol, state);
        if (peer.Kind == FlowPeerKind.Node && port is { } served && FlowProtocols.ToPolicy(record.Protocol) is { } protocol
            && _servedPorts.Contains((served, protocol)) && Index(state).ServingAt(address, served, protocol, record.Format == FlowFormat.Vpc) is { } pod)
            return new ResolvedEndpoint(PodPeer(pod), port, null);
        return new ResolvedEndpoint(peer, port, null);
    }

    /// <inheritdoc />
    public bool IsPublic(FlowPeer peer) =>
        peer is { Kind: FlowPeerKind.External, Address: { } address }
        && SpecialAddresses.IsPublic(address)
        && !_clusterAddresses.Contains(address)
        && !_clusterRanges.Contains(address.Range);

    private FlowPeer Resolve(AddressEntry entry, FlowRecord record, FlowEndpointInfo? info, int state)
    {
        if (entry.Node is { } node && (_podNodes.Count == 0 || !_podNodes.Contains(entry.Address)))
            return node;
        var ticks = record.Time.UtcTicks;
        if (ticks < entry.HeldFrom || ticks >= entry.HeldTo)
        {
            var pod = _owners.At(entry.Address, ticks, out var from, out var to);
            entry.Holder = pod is null ? null : PodPeer(pod);
            entry.HolderOnPodNetwork = pod is { HostNetwork: false };
            (entry.HeldFrom, entry.HeldTo) = (from, to);
        }
        if (entry.HolderOnPodNetwork && entry.Holder is { } holder)
            return NamedInstead(holder, info, ticks, state) ?? holder;
        // An aggregated record (VPC, GCP) spans a window: an address nobody held at its start that a pod took within it
        // carried that pod's packets (a free address sends nothing). Rare, so not cached.
        if (entry.Holder is null && record.End is { } end && entry.HeldTo < end.UtcTicks
            && _owners.At(entry.Address, entry.HeldTo, out _, out _) is { HostNetwork: false } taker)
            return PodPeer(taker);
        if (entry.Node is { } own)
            return own;
        if (entry.Holder is { } hostNetwork)
            return hostNetwork;
        // The metadata service's address is no router's, whatever identity the node that answers it gives it: the contract
        // names it by its address.
        if (info?.Identity is HostIdentity or RemoteNodeIdentity && !SpecialAddresses.IsMetadata(entry.Address)
            && CiliumNode(entry.Address, info.Identity == HostIdentity ? record.NodeName : null) is { } router)
            return router;
        if (info is not null && ServiceAt(entry, state) is null && Index(state).ByName(info) is { } named)
            return PodPeer(named);
        return entry.External ??= _numbering.External(FlowPeer.OfAddress(entry.Address));
    }

    /// <summary>
    /// The pod the format names (Hubble's <c>pod_name</c>, GKE details) instead of the address's holder, when that holder
    /// was created after the record and holds the address then only as its first known holder (a dump taken after the
    /// traffic): the named pod, or its workload's, held it at the record's time. Null to keep the holder.
    /// </summary>
    private FlowPeer? NamedInstead(FlowPeer holder, FlowEndpointInfo? info, long ticks, int state)
    {
        if (info is not { PodName: { } name, Namespace: { } ns } || holder.Pod!.Created is not { } created || created.UtcTicks <= ticks
            || holder.Pod.Name == name && holder.Pod.Namespace == ns)
            return null;
        return Index(state).ByName(info) is { } named ? PodPeer(named) : null;
    }

    /// <summary>
    /// The node of an address Cilium marks as a node's (identity host or remote-node) that is not one of the Node's
    /// own: its router address (cilium_host), which lies in that node's pod range (its podCIDR; for remote-node, else the
    /// /24 only that node's pods have addresses in); else, for the host identity, the node that observed the record.
    /// Named as the node at its first address, so policies judge it as that node.
    /// </summary>
    private FlowPeer? CiliumNode(AddressKey address, string? observer)
    {
        var key = (address, observer);
        if (_routers.TryGetValue(key, out var known))
            return known;
        if (_routers.Count >= MaxAddresses)
            _routers.Clear();
        NodeInfo? found = null;
        foreach (var node in _nodes.Values)
        {
            foreach (var range in node.PodCidrs)
            {
                if (range.Contains(address.Range))
                    found = node;
            }
        }
        if (found is null && observer is null && !address.IsV6 && _podBlocks.TryGetValue(address.V4 >> 8, out var block))
            found = block;
        if (found is null && observer is not null)
        {
            // Hubble Relay names the observer cluster/node; a node's own name has no slash.
            var name = observer.AsSpan(observer.LastIndexOf('/') + 1);
            foreach (var node in _nodes.Values)
            {
                if (name.SequenceEqual(node.Name))
                    found = node;
            }
        }
        return _routers[key] = found is { Addresses: [var first, ..] } ? Entry(AddressKey.Of(first)).Node : null;
    }

    /// <summary>
    /// What is known of an address, looked up once per flow end: one lookup instead of one per table (nodes,
    /// holders, pods, Services). Entries are a cache, cleared when they grow past a bound (a stream of random
    /// external addresses must not grow memory without end); pod and node peers live in their own tables, so each
    /// keeps one instance.
    /// </summary>
    private AddressEntry Entry(AddressKey address)
    {
        if (_addresses.TryGetValue(address, out var entry))
            return entry;
        if (_addresses.Count >= MaxAddresses)
            _addresses.Clear();
        entry = new AddressEntry(address);
        if (_nodes.TryGetValue(address, out var node))
        {
            if (!_nodePeers.TryGetValue(address, out var peer))
            {
                // An interface address is the node at its first address, so policies judge it as that node (as Cilium's
                // router address is, CiliumNode).
                peer = _interfaceAddresses.Contains(address) && node.Addresses is [var first, ..] && _nodes.GetValueOrDefault(AddressKey.Of(first)) == node
                    ? Entry(AddressKey.Of(first)).Node!
                    : Named(FlowPeer.OfNode(node, address));
                _nodePeers[address] = peer;
            }
            entry.Node = peer;
        }
        return _addresses[address] = entry;
    }

    /// <summary>The Service whose cluster IP the address is in the state; the answer for the last state asked is kept.</summary>
    private ServiceInfo? ServiceAt(AddressEntry entry, int state)
    {
        if (entry.ServiceState != state)
            (entry.Service, entry.ServiceState) = (Index(state).Services.GetValueOrDefault(entry.Address), state);
        return entry.Service;
    }

    /// <summary>
    /// A flow to a Service's cluster IP: to the workload of the Service's pods, at the target port of the
    /// Service port it addressed; a Service without pods is named by its address.
    /// </summary>
    private ResolvedEndpoint ThroughService(ServiceInfo service, AddressEntry entry, int? port, int? protocolNumber, int state)
    {
        ServicePort? addressed = null;
        if (port is { } p && FlowProtocols.ToPolicy(protocolNumber) is { } protocol)
        {
            foreach (var servicePort in service.Ports)
            {
                if (servicePort.Port == p && servicePort.Protocol == protocol)
                {
                    addressed = servicePort;
                    break;
                }
            }
        }
        if (Index(state).Target(service, addressed) is not { } target)
            return new ResolvedEndpoint(entry.External ??= _numbering.External(FlowPeer.OfAddress(entry.Address)), port, service);
        if (addressed is not null)
            port = addressed.TargetOn(target) ?? port;
        return new ResolvedEndpoint(PodPeer(target), port, service);
    }

    private FlowPeer PodPeer(Pod pod)
    {
        if (!_pods.TryGetValue(pod, out var peer))
        {
            _pods[pod] = peer = Named(FlowPeer.OfPod(pod));
            peer.PodSerial = _pods.Count - 1;
            peer.PodNumber = pod.FromTemplate ? FlowPeer.TemplatePod : _numbering.OfPod(pod.Namespace, pod.Name);
        }
        return peer;
    }

    /// <summary>Gives the peer the number of its name (pods of one workload share it).</summary>
    private FlowPeer Named(FlowPeer peer)
    {
        peer.Id = _numbering.Of(peer.Name);
        return peer;
    }

    private StateIndex Index(int state)
    {
        if (!_states.TryGetValue(state, out var index))
            _states[state] = index = new StateIndex(_history.States[state].Snapshot);
        return index;
    }

    /// <summary>
    /// The numbers peers are given (<see cref="FlowPeer.Id"/>), shared with the resolver that goes on after this one.
    /// Pod and node names keep their number for the life of the check. External addresses are numbered as they are
    /// met, from <see cref="ExternalFrom"/> up: they are unbounded in number (a service facing the internet meets
    /// millions), so they are not remembered by name, and one met again after the address entries were cleared gets a
    /// new number; detector state keyed by it is as approximate there as that bound already makes it.
    /// </summary>
    private sealed class Numbering
    {
        private const int ExternalFrom = 1 << 30;
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private int _nextExternal = ExternalFrom;

        public int Of(string name)
        {
            if (!_names.TryGetValue(name, out var id))
                _names[name] = id = _names.Count;
            return id;
        }

        // Pods by namespace and name, whatever object a state holds for them (states share no Pod objects).
        private readonly Dictionary<(string, string), int> _pods = [];

        public int OfPod(string ns, string name)
        {
            if (!_pods.TryGetValue((ns, name), out var number))
                _pods[(ns, name)] = number = _pods.Count;
            return number;
        }

        public FlowPeer External(FlowPeer peer)
        {
            peer.Id = _nextExternal;
            _nextExternal = _nextExternal == int.MaxValue ? ExternalFrom : _nextExternal + 1;
            return peer;
        }
    }

    /// <summary>
    /// One address as last resolved: its node, else the pod holding it over [<see cref="HeldFrom"/>, <see cref="HeldTo"/>)
    /// (null in a gap between holders), its peer as an external address, and its Service in the last state asked.
    /// </summary>
    private sealed class AddressEntry(AddressKey address)
    {
        public AddressKey Address { get; } = address;

        public FlowPeer? Node { get; set; }

        public FlowPeer? Holder { get; set; }

        // Whether the holder has an address of its own (not hostNetwork): kept here so that resolving a pod's address, the
        // common case, does not read the Pod object, a cache miss per end at 100,000 pods.
        public bool HolderOnPodNetwork { get; set; }

        public long HeldFrom { get; set; } = long.MaxValue;

        public long HeldTo { get; set; } = long.MinValue;

        public FlowPeer? External { get; set; }

        public ServiceInfo? Service { get; set; }

        public int ServiceState { get; set; } = -1;
    }

    /// <summary>Per-state lookups built on first use: Services by cluster IP, their target pods, pods by name.</summary>
    private sealed class StateIndex
    {
        // The ports the contract names on a node's address (kubelet, etcd, scheduler, controller-manager, API server): the
        // node's own, whatever a static pod on it declares.
        private static readonly int[] ControlPlanePorts = [10250, 10255, 2379, 2380, 10259, 10257, 6443];

        private readonly NetworkSnapshot _snapshot;
        private Dictionary<(AddressKey, int, Protocol), Pod>? _hostNetworkServing;
        private Dictionary<(AddressKey, int, Protocol), Pod>? _podNetworkServing;
        private readonly Dictionary<(ServiceInfo, ServicePort?), Pod?> _targets = new(TargetKeys.Instance);
        private Dictionary<(string, string), Pod>? _byName;
        private Dictionary<(string, string, string), Pod>? _byWorkload;

        // Addresses several Services own: load balancer addresses shared on different ports (MetalLB's allow-shared-ip).
        private readonly Dictionary<AddressKey, List<ServiceInfo>> _shared = [];

        public StateIndex(NetworkSnapshot snapshot)
        {
            _snapshot = snapshot;
            foreach (var service in snapshot.Services)
            {
                foreach (var address in Addresses(service))
                {
                    if (Services.TryAdd(address, service))
                        continue;
                    if (!_shared.TryGetValue(address, out var sharing))
                        _shared[address] = sharing = [Services[address]];
                    sharing.Add(service);
                }
            }
        }

        /// <summary>The Service owning each address (the first, where several share one).</summary>
        public Dictionary<AddressKey, ServiceInfo> Services { get; } = [];


        /// <summary>Of the Services sharing the address, the one exposing the port; <paramref name="first"/> otherwise.</summary>
        public ServiceInfo Exposing(ServiceInfo first, AddressKey address, int? port)
        {
            if (port is not { } p || _shared.Count == 0 || !_shared.TryGetValue(address, out var sharing))
                return first;
            foreach (var service in sharing)
            {
                foreach (var servicePort in service.Ports)
                {
                    if (servicePort.Port == p)
                        return service;
                }
            }
            return first;
        }

        /// <summary>
        /// The pod a Service's traffic on the port is reported against: of the pods it selects, the first by workload and
        /// name among those that are its endpoints for that port as Kubernetes makes them (not finished, Succeeded or
        /// Failed, nor terminating; the named target port found on the pod), else among all it selects; null when it
        /// selects none. A Service without a selector has the pods its Endpoints list (an operator keeps them, as Patroni
        /// does its leader's), not a hostNetwork pod: an endpoint at a node's address (default/kubernetes at a kubeadm
        /// node's, where the static kube-apiserver pod runs) is the node's, and the Service stays named by its address.
        /// </summary>
        public Pod? Target(ServiceInfo service, ServicePort? port)
        {
            if (_targets.TryGetValue((service, port), out var cached))
                return cached;
            Pod? best = null;
            var bestServes = false;
            var byEndpoints = service.Selector is not { Count: > 0 };
            if (byEndpoints && service.Endpoints.Count == 0)
                return _targets[(service, port)] = null;
            foreach (var pod in byEndpoints ? _snapshot.Pods : _snapshot.PodsIn(service.Namespace))
            {
                if (byEndpoints ? !Listed(service, pod) : !service.Selects(pod))
                    continue;
                var serves = !pod.Terminated && pod.Deleting is null && (port is null || port.TargetOn(pod) is not null);
                if (best is null || serves && !bestServes || serves == bestServes && Compare(pod, best) < 0)
                    (best, bestServes) = (pod, serves);
            }
            return _targets[(service, port)] = best;
        }

        private static bool Listed(ServiceInfo service, Pod pod)
        {
            if (pod.HostNetwork)
                return false;
            foreach (var endpoint in service.Endpoints)
            {
                foreach (var address in pod.Addresses)
                {
                    if (address.Equals(endpoint.Address))
                        return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The pod a node's address reaches at the port: a hostNetwork pod of the node serving it (a container port, or a
        /// Service's target port on it), which holds the node's address; for an AWS VPC record, where v2 writes a pod's
        /// secondary address as its interface's primary (the node's), also a pod of the node's pod network serving it.
        /// Null for the contract's control-plane ports, and where no pod of the node serves the port.
        /// </summary>
        public Pod? ServingAt(AddressKey node, int port, Protocol protocol, bool podNetwork)
        {
            if (IsControlPlanePort(port))
                return null;
            _hostNetworkServing ??= Serving(hostNetwork: true);
            if (_hostNetworkServing.TryGetValue((node, port, protocol), out var pod) || !podNetwork)
                return pod;
            _podNetworkServing ??= Serving(hostNetwork: false);
            return _podNetworkServing.GetValueOrDefault((node, port, protocol));
        }

        /// <summary>Whether the port is one the contract names on a node's address, the node's whatever pod declares it.</summary>
        public static bool IsControlPlanePort(int port) => Array.IndexOf(ControlPlanePorts, port) >= 0;

        /// <summary>The hostNetwork pod the format names (namespace and pod name) when it runs at the node's address; else null.</summary>
        public Pod? OnHost(FlowEndpointInfo info, AddressKey node) =>
            info is { Namespace: { } ns, PodName: { } name } && PodsByName.TryGetValue((ns, name), out var pod)
            && pod is { HostNetwork: true, HostIp: { } host } && AddressKey.Of(host) == node
                ? pod
                : null;

        private Dictionary<(string, string), Pod> PodsByName =>
            _byName ??= _snapshot.Pods.Where(p => !p.FromTemplate).GroupBy(p => (p.Namespace, p.Name)).ToDictionary(g => g.Key, g => g.First());

        /// <summary>The ports each node's hostNetwork pods (or its other pods) serve: their container ports and the target ports of the Services selecting them.</summary>
        private Dictionary<(AddressKey, int, Protocol), Pod> Serving(bool hostNetwork)
        {
            var served = new Dictionary<(AddressKey, int, Protocol), Pod>();
            foreach (var pod in _snapshot.Pods)
            {
                if (pod.HostNetwork != hostNetwork || pod is not { FromTemplate: false, HostIp: { } host } || pod.Terminated || pod.Deleting is not null)
                    continue;
                var node = AddressKey.Of(host);
                foreach (var port in pod.Ports)
                    Serve(served, (node, port.Port, port.Protocol), pod);
                foreach (var service in _snapshot.ServicesIn(pod.Namespace))
                {
                    if (!service.Selects(pod))
                        continue;
                    foreach (var servicePort in service.Ports)
                    {
                        if (servicePort.TargetOn(pod) is { } target)
                            Serve(served, (node, target, servicePort.Protocol), pod);
                    }
                }
            }
            return served;
        }

        /// <summary>Keeps, of the pods serving a node's port, the first by workload and name.</summary>
        private static void Serve(Dictionary<(AddressKey, int, Protocol), Pod> served, (AddressKey, int, Protocol) key, Pod pod)
        {
            if (!served.TryGetValue(key, out var known) || Compare(pod, known) < 0)
                served[key] = pod;
        }

        /// <summary>The pod a flow format names: the pod itself, else its workload's (template) pod.</summary>
        public Pod? ByName(FlowEndpointInfo info)
        {
            if (info.Namespace is not { } ns)
                return null;
            if (info.PodName is { } name && PodsByName.TryGetValue((ns, name), out var pod))
                return pod;
            _byWorkload ??= _snapshot.Pods.GroupBy(p => (p.Owner.Namespace, p.Owner.Name, KindKey(p.Owner.Kind))).ToDictionary(g => g.Key, g => g.First());
            foreach (var workload in info.Workloads)
            {
                if (_byWorkload.TryGetValue((ns, workload.Name, KindKey(workload.Kind)), out var owned))
                    return owned;
            }
            return null;
        }

        /// <summary>A workload kind however a format spells it: Hubble's <c>Deployment</c>, GKE's <c>DEPLOYMENT</c>, <c>STATEFUL_SET</c>.</summary>
        private static string KindKey(string kind) => kind.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

        /// <summary>Targets keyed by the Service and Service port objects themselves (records would compare every field).</summary>
        private sealed class TargetKeys : IEqualityComparer<(ServiceInfo, ServicePort?)>
        {
            public static readonly TargetKeys Instance = new();

            public bool Equals((ServiceInfo, ServicePort?) x, (ServiceInfo, ServicePort?) y) =>
                ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

            public int GetHashCode((ServiceInfo, ServicePort?) key) =>
                HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item1), key.Item2 is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item2));
        }

        private static int Compare(Pod a, Pod b)
        {
            var order = a.Owner.CompareTo(b.Owner);
            return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
        }
    }
}
