using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// The connectivity of a cluster kept up to date as NetworkPolicies, pods and namespaces are added, changed
/// or deleted: an update recomputes only the rows (egress) and columns (ingress) of the identity classes it
/// touches, then the report lines of the peers holding them, and returns the lines that changed.
/// </summary>
/// <remarks>
/// The lines are those of <see cref="ConnectivityAnalyzer.Analyze"/> between pods and external ranges;
/// Ingress and Route lines (through the ingress controller) are not kept. An update recomputes everything
/// when the partitions the model was built on no longer fit: a new numeric port range that cuts a port
/// class, a new named container port number, an ipBlock address set appearing or disappearing (it moves
/// the external ranges), or any cluster-scoped policy in the cluster (their tiers are evaluated pair by
/// pair). <see cref="LastUpdateWasFull"/> tells which happened. <see cref="Report(PolicyEngine)"/> completes the
/// lines with what only an engine of the same snapshot knows (ingress lines, endpoints, warnings).
/// Thread safety: not thread-safe; one writer applies updates, and readers are given the immutable reports it
/// makes (the server swaps them in atomically), never this object.
/// </remarks>
public sealed class IncrementalReachability
{
    private static readonly Dictionary<int, ConnectionSet> NoRow = [];
    private readonly ConnectivityOptions _options;
    private readonly Granularity _granularity;
    private readonly Dictionary<string, NamespaceInfo> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), Pod> _pods = [];
    private readonly Dictionary<(string Namespace, string Name), NetworkPolicy> _policies = [];
    private readonly HashSet<(string Namespace, string Name)> _ipv6Policies = [];
    private readonly NetworkSnapshot _fixed;
    private readonly bool _fixedNamesIpv6;
    private readonly Dictionary<int, Dictionary<int, ConnectionSet>> _rows = [];
    private readonly Dictionary<int, HashSet<int>> _columns = [];
    private readonly Dictionary<int, Dictionary<Peer, int>> _peersOf = [];
    private readonly Dictionary<Peer, Dictionary<int, int>> _nodesOf = [];
    private readonly Dictionary<Peer, Dictionary<Peer, ConnectionSet>> _from = [];
    private readonly Dictionary<Peer, Dictionary<Peer, ConnectionSet>> _into = [];
    private readonly List<(int Node, ConnectionSet Connections)> _scratch = [];
    private ReachabilityModel _model = null!;

    /// <summary>Computes the connectivity of the snapshot, ready for updates.</summary>
    public IncrementalReachability(NetworkSnapshot cluster, ConnectivityOptions? options = null, Granularity granularity = Granularity.Workload)
    {
        _options = options ?? ConnectivityOptions.Default;
        _granularity = granularity;
        foreach (var ns in cluster.Namespaces.Values)
            _namespaces[ns.Name] = ns;
        foreach (var pod in cluster.Pods)
            _pods[(pod.Namespace, pod.Name)] = pod;
        foreach (var policy in cluster.NetworkPolicies)
            Keep(policy);
        _fixed = new NetworkSnapshot([], [], [], cluster.Services, cluster.AdminPolicies, cluster.IngressRoutes);
        _fixedNamesIpv6 = ExternalPartition.NamesIpv6(_fixed);
        Rebuild();
    }

    /// <summary>Whether some policy now names IPv6 addresses (what decides whether a report lists the IPv6 space).</summary>
    public bool NamesIpv6 => _fixedNamesIpv6 || _ipv6Policies.Count > 0;

    /// <summary>Whether the last update recomputed everything instead of the classes it touched.</summary>
    public bool LastUpdateWasFull { get; private set; }

    /// <summary>The cluster as it now is.</summary>
    public NetworkSnapshot Snapshot() =>
        new(_namespaces.Values, _pods.Values, _policies.Values, _fixed.Services, _fixed.AdminPolicies, _fixed.IngressRoutes);

    /// <summary>Every non-empty line, sorted by source then destination.</summary>
    public IReadOnlyList<Connection> Connections()
    {
        var connections = new List<Connection>();
        foreach (var source in _from.Keys.Order())
        {
            var lines = _from[source];
            foreach (var destination in lines.Keys.Order())
                connections.Add(new Connection(source, destination, lines[destination]));
        }
        return connections;
    }

    /// <summary>The report: the in-cluster peers and every non-empty line, as <see cref="ConnectivityAnalyzer.Analyze"/> lists them.</summary>
    public ConnectivityReport Report() =>
        new(_nodesOf.Keys.Where(p => !p.IsExternal).Order().ToArray(), Connections());

    /// <summary>
    /// The complete report, equal to <see cref="ConnectivityAnalyzer.Analyze"/>'s on <paramref name="engine"/>: these
    /// lines plus the ingress controller's, with every peer's endpoints and the warnings. The engine must be built on
    /// a snapshot holding the same objects as <see cref="Snapshot"/> (in any order).
    /// </summary>
    public ConnectivityReport Report(PolicyEngine engine) => ConnectivityAnalyzer.Complete(engine, Connections(), _granularity);

    /// <summary>Adds the NetworkPolicy, or replaces the one of that namespace and name.</summary>
    public IReadOnlyList<ConnectivityChange> SetPolicy(NetworkPolicy policy)
    {
        _policies.TryGetValue((policy.Namespace, policy.Name), out var old);
        Keep(policy);
        if (_fixed.AdminPolicies.Count > 0 || !_model.CanApply(old, policy))
            return Rebuild();
        var touched = new HashSet<ClassNode>();
        if (old is not null)
            Remove(_model.Policy(old.Namespace, old.Name)!, touched);
        touched.UnionWith(_model.AddPolicy(policy).Subjects);
        return Refresh(touched, touched, []);
    }

    /// <summary>Deletes the NetworkPolicy of that namespace and name, if there is one.</summary>
    public IReadOnlyList<ConnectivityChange> RemovePolicy(string @namespace, string name)
    {
        if (!_policies.Remove((@namespace, name), out var old))
            return Unchanged();
        _ipv6Policies.Remove((@namespace, name));
        if (_fixed.AdminPolicies.Count > 0 || !_model.CanApply(old, null))
            return Rebuild();
        var touched = new HashSet<ClassNode>();
        Remove(_model.Policy(@namespace, name)!, touched);
        return Refresh(touched, touched, []);
    }

    /// <summary>Adds the pod, or replaces the one of that namespace and name.</summary>
    public IReadOnlyList<ConnectivityChange> SetPod(Pod pod)
    {
        var key = (pod.Namespace, pod.Name);
        _pods.TryGetValue(key, out var old);
        _pods[key] = pod;
        if (_fixed.AdminPolicies.Count > 0 || !_model.CanAdd(pod))
            return Rebuild();
        var touched = new HashSet<ClassNode>();
        var peers = new HashSet<Peer>();
        if (old is not null)
            Remove(old, peers);
        var node = _model.AddPod(pod, new PodEndpoint(pod, -1), out var created);
        var peer = ConnectivityAnalyzer.PeerOf(pod, _granularity);
        Join(node.Id, peer);
        peers.Add(peer);
        if (created)
            touched.Add(node);
        return Refresh(touched, touched, peers);
    }

    /// <summary>Deletes the pod of that namespace and name, if there is one.</summary>
    public IReadOnlyList<ConnectivityChange> RemovePod(string @namespace, string name)
    {
        if (!_pods.Remove((@namespace, name), out var old))
            return Unchanged();
        if (_fixed.AdminPolicies.Count > 0)
            return Rebuild();
        var peers = new HashSet<Peer>();
        Remove(old, peers);
        return Refresh([], [], peers);
    }

    /// <summary>Adds the namespace or changes its labels.</summary>
    public IReadOnlyList<ConnectivityChange> SetNamespace(NamespaceInfo ns)
    {
        _namespaces[ns.Name] = ns;
        if (_fixed.AdminPolicies.Count > 0)
            return Rebuild();
        var touched = _model.SetNamespaceLabels(ns.Name, ns.Labels).ToHashSet();
        return Refresh(touched, touched, []);
    }

    /// <summary>Deletes the namespace with its pods and NetworkPolicies, as Kubernetes does.</summary>
    public IReadOnlyList<ConnectivityChange> RemoveNamespace(string name)
    {
        _namespaces.Remove(name);
        var pods = _pods.Where(p => p.Key.Namespace == name).ToArray();
        var policies = _policies.Where(p => p.Key.Namespace == name).ToArray();
        foreach (var (key, _) in pods)
            _pods.Remove(key);
        foreach (var (key, _) in policies)
        {
            _policies.Remove(key);
            _ipv6Policies.Remove(key);
        }
        if (_fixed.AdminPolicies.Count > 0)
            return Rebuild();
        var touched = new HashSet<ClassNode>();
        foreach (var (_, policy) in policies)
        {
            if (!_model.CanApply(policy, null))
                return Rebuild();
            Remove(_model.Policy(policy.Namespace, policy.Name)!, touched);
        }
        var peers = new HashSet<Peer>();
        foreach (var (_, pod) in pods)
            Remove(pod, peers);
        touched.UnionWith(_model.SetNamespaceLabels(name, LabelSet.Empty.With(NamespaceInfo.NameLabel, name)));
        return Refresh(touched, touched, peers);
    }

    private void Keep(NetworkPolicy policy)
    {
        var key = (policy.Namespace, policy.Name);
        _policies[key] = policy;
        if (ExternalPartition.NamesIpv6(policy))
            _ipv6Policies.Add(key);
        else
            _ipv6Policies.Remove(key);
    }

    private void Remove(PolicyState state, HashSet<ClassNode> touched)
    {
        touched.UnionWith(state.Subjects);
        _model.RemovePolicy(state);
    }

    private void Remove(Pod pod, HashSet<Peer> peers)
    {
        var node = _model.RemovePod(pod, out var removed);
        var peer = ConnectivityAnalyzer.PeerOf(pod, _granularity);
        Leave(node.Id, peer);
        peers.Add(peer);
        if (!removed)
            return;
        if (_rows.Remove(node.Id, out var row))
        {
            foreach (var destination in row.Keys)
                _columns[destination].Remove(node.Id);
        }
        if (_columns.Remove(node.Id, out var sources))
        {
            foreach (var source in sources)
                _rows[source].Remove(node.Id);
        }
    }

    private IReadOnlyList<ConnectivityChange> Unchanged()
    {
        LastUpdateWasFull = false;
        return [];
    }

    /// <summary>Recomputes everything from the current objects; returns the lines that differ from before.</summary>
    private List<ConnectivityChange> Rebuild()
    {
        LastUpdateWasFull = true;
        var before = _from.SelectMany(s => s.Value.Select(d => (s.Key, d.Key, d.Value))).ToList();
        _rows.Clear();
        _columns.Clear();
        _peersOf.Clear();
        _nodesOf.Clear();
        _from.Clear();
        _into.Clear();
        var cluster = Snapshot();
        var engine = cluster.AdminPolicies.Count > 0 ? new PolicyEngine(cluster, _options) : null;
        _model = new ReachabilityModel(cluster, _options, engine);
        for (var i = 0; i < cluster.Pods.Count; i++)
            Join(_model.PodNodes[i], ConnectivityAnalyzer.PeerOf(cluster.Pods[i], _granularity));
        foreach (var node in _model.ExternalSourceNodes.Concat(_model.ExternalDestinationNodes))
            Join(node, ConnectivityAnalyzer.PeerOf(_model.External(node)!));
        var index = _model.IngressIndex();
        foreach (var source in _model.Classes.Select(c => c.Id).Concat(_model.ExternalSourceNodes).ToArray())
        {
            _model.Row(source, _scratch, index);
            StoreRow(source);
        }
        var changes = new List<ConnectivityChange>();
        foreach (var peer in _nodesOf.Keys.ToArray())
            LinesFrom(peer, changes);
        changes.Clear();
        foreach (var (source, destination, connections) in before)
        {
            var after = _from.GetValueOrDefault(source)?.GetValueOrDefault(destination) ?? ConnectionSet.None;
            if (!after.Equals(connections))
                changes.Add(new ConnectivityChange(source, destination, connections, after));
        }
        var had = before.Select(b => (b.Item1, b.Item2)).ToHashSet();
        foreach (var connection in Connections())
        {
            if (!had.Contains((connection.Source, connection.Destination)))
                changes.Add(new ConnectivityChange(connection.Source, connection.Destination, ConnectionSet.None, connection.Connections));
        }
        return changes;
    }

    /// <summary>
    /// Recomputes the rows and columns of the touched classes, then the lines from the peers holding a
    /// recomputed row and into those holding a recomputed column (and both ways for peers whose pods changed).
    /// </summary>
    private List<ConnectivityChange> Refresh(HashSet<ClassNode> rows, HashSet<ClassNode> columns, HashSet<Peer> peers)
    {
        LastUpdateWasFull = false;
        var from = new HashSet<Peer>(peers);
        var into = new HashSet<Peer>(peers);
        foreach (var node in rows)
        {
            if (!_model.IsCurrent(node))
                continue;
            _model.Row(node.Id, _scratch);
            StoreRow(node.Id);
            from.UnionWith(_peersOf.GetValueOrDefault(node.Id)?.Keys ?? Enumerable.Empty<Peer>());
        }
        foreach (var node in columns)
        {
            if (!_model.IsCurrent(node))
                continue;
            _model.Column(node, _scratch);
            StoreColumn(node.Id);
            into.UnionWith(_peersOf.GetValueOrDefault(node.Id)?.Keys ?? Enumerable.Empty<Peer>());
        }
        var changes = new List<ConnectivityChange>();
        foreach (var peer in from)
            LinesFrom(peer, changes);
        foreach (var peer in into)
            LinesInto(peer, changes);
        return changes;
    }

    private void StoreRow(int source)
    {
        if (_rows.Remove(source, out var old))
        {
            foreach (var destination in old.Keys)
                _columns[destination].Remove(source);
        }
        if (_scratch.Count == 0)
            return;
        var row = new Dictionary<int, ConnectionSet>(_scratch.Count);
        foreach (var (destination, connections) in _scratch)
        {
            row[destination] = connections;
            Column(destination).Add(source);
        }
        _rows[source] = row;
    }

    private void StoreColumn(int destination)
    {
        var column = Column(destination);
        foreach (var source in column)
            _rows[source].Remove(destination);
        column.Clear();
        foreach (var (source, connections) in _scratch)
        {
            if (!_rows.TryGetValue(source, out var row))
                _rows[source] = row = [];
            row[destination] = connections;
            column.Add(source);
        }
    }

    private HashSet<int> Column(int destination)
    {
        if (!_columns.TryGetValue(destination, out var column))
            _columns[destination] = column = [];
        return column;
    }

    private void Join(int node, Peer peer)
    {
        if (!_peersOf.TryGetValue(node, out var peers))
            _peersOf[node] = peers = [];
        peers[peer] = peers.GetValueOrDefault(peer) + 1;
        if (!_nodesOf.TryGetValue(peer, out var nodes))
            _nodesOf[peer] = nodes = [];
        nodes[node] = nodes.GetValueOrDefault(node) + 1;
    }

    private void Leave(int node, Peer peer)
    {
        var peers = _peersOf[node];
        if (--peers[peer] == 0 && peers.Remove(peer) && peers.Count == 0)
            _peersOf.Remove(node);
        var nodes = _nodesOf[peer];
        if (--nodes[node] == 0 && nodes.Remove(node) && nodes.Count == 0)
            _nodesOf.Remove(peer);
    }

    /// <summary>Recomputes every line from the peer: the union of its classes' rows, by destination peer.</summary>
    private void LinesFrom(Peer source, List<ConnectivityChange> changes)
    {
        var lines = new Dictionary<Peer, ConnectionSet>();
        foreach (var node in _nodesOf.GetValueOrDefault(source)?.Keys ?? Enumerable.Empty<int>())
        {
            foreach (var (destination, connections) in _rows.GetValueOrDefault(node) ?? NoRow)
                Accumulate(lines, _peersOf[destination].Keys, source, connections);
        }
        Replace(source, lines, _from, _into, changes, outgoing: true);
    }

    /// <summary>Recomputes every line into the peer: the union of its classes' columns, by source peer.</summary>
    private void LinesInto(Peer destination, List<ConnectivityChange> changes)
    {
        var lines = new Dictionary<Peer, ConnectionSet>();
        foreach (var node in _nodesOf.GetValueOrDefault(destination)?.Keys ?? Enumerable.Empty<int>())
        {
            foreach (var source in _columns.GetValueOrDefault(node) ?? [])
                Accumulate(lines, _peersOf[source].Keys, destination, _rows[source][node]);
        }
        Replace(destination, lines, _into, _from, changes, outgoing: false);
    }

    private static void Accumulate(Dictionary<Peer, ConnectionSet> lines, IEnumerable<Peer> others, Peer self, ConnectionSet connections)
    {
        foreach (var other in others)
        {
            if (!other.Equals(self))
                lines[other] = lines.TryGetValue(other, out var so) ? so.Union(connections) : connections;
        }
    }

    /// <summary>Puts the peer's recomputed lines in place in both indexes, recording each difference once.</summary>
    private static void Replace(Peer peer, Dictionary<Peer, ConnectionSet> lines, Dictionary<Peer, Dictionary<Peer, ConnectionSet>> byThis,
        Dictionary<Peer, Dictionary<Peer, ConnectionSet>> byOther, List<ConnectivityChange> changes, bool outgoing)
    {
        var old = byThis.GetValueOrDefault(peer);
        foreach (var (other, connections) in lines)
        {
            var before = old?.GetValueOrDefault(other) ?? ConnectionSet.None;
            if (before.Equals(connections))
                continue;
            changes.Add(outgoing ? new ConnectivityChange(peer, other, before, connections) : new ConnectivityChange(other, peer, before, connections));
            if (!byOther.TryGetValue(other, out var mirror))
                byOther[other] = mirror = [];
            mirror[peer] = connections;
        }
        foreach (var (other, before) in old ?? [])
        {
            if (lines.ContainsKey(other))
                continue;
            changes.Add(outgoing ? new ConnectivityChange(peer, other, before, ConnectionSet.None) : new ConnectivityChange(other, peer, before, ConnectionSet.None));
            var mirror = byOther[other];
            mirror.Remove(peer);
            if (mirror.Count == 0)
                byOther.Remove(other);
        }
        if (lines.Count == 0)
            byThis.Remove(peer);
        else
            byThis[peer] = lines;
    }
}
