using Palisade.Connectivity;
using Palisade.Generate.Traffic;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Generate.Building;

/// <summary>
/// Builds one NetworkPolicy per workload seen, for the directions no existing policy isolates yet (where one does,
/// the traffic seen was allowed by it, and a policy of ours could only add to it). Ingress and egress rules come
/// from the observed edges, one rule per peer with its ports merged: workloads by their selectors (and
/// <c>kubernetes.io/metadata.name</c> across namespaces), addresses as ipBlocks; every egress rule set allows DNS to
/// the cluster's DNS pods, whose ingress admits every pod. Deterministic: the same input gives the same policies.
/// </summary>
public sealed class PolicyBuilder
{
    private const string Prefix = "palisade-";
    private const int MaxName = 253;
    private static readonly (Protocol, int)[] DnsPorts = [(Protocol.Udp, 53), (Protocol.Tcp, 53)];

    private readonly NetworkSnapshot _snapshot;
    private readonly GenerateOptions _options;
    private readonly DnsNames _names;
    private readonly PolicyEngine _engine;
    private readonly SelectorChooser _selectors;
    private readonly Dictionary<Pod, PodEndpoint> _endpoints = new(ReferenceEqualityComparer.Instance);

    /// <summary>A builder for policies added to the snapshot's.</summary>
    public PolicyBuilder(NetworkSnapshot snapshot, GenerateOptions options, DnsNames? names = null)
    {
        _snapshot = snapshot;
        _options = options;
        _names = names ?? new DnsNames();
        _engine = new PolicyEngine(snapshot, options.Check.Engine);
        _selectors = new SelectorChooser(snapshot);
        foreach (var endpoint in _engine.Pods)
            _endpoints[endpoint.Pod] = endpoint;
    }

    /// <summary>The selectors the policies use.</summary>
    public SelectorChooser Selectors => _selectors;

    /// <summary>
    /// The policies for the <paramref name="seen"/> workloads from the traffic to allow; <paramref name="leftOut"/>
    /// is what the traffic log left out (its internet egress becomes comments under <see cref="ExternalEgress.FqdnComment"/>).
    /// </summary>
    public GeneratedSet Build(IReadOnlyList<ObservedEdge> edges, IEnumerable<WorkloadRef> seen, IReadOnlyList<LeftOut>? leftOut = null, bool inferred = false)
    {
        var kept = new List<ObservedEdge>();
        var gone = new List<LeftOut>();
        foreach (var edge in edges)
        {
            if (Gone(edge.Source) || Gone(edge.Destination))
                gone.Add(new LeftOut("workload-gone", edge.Source.Name, edge.Destination.Name, edge.Protocol.Name(), [edge.Port], edge.Connections));
            else
                kept.Add(edge);
        }
        var dns = DnsServers.Find(_snapshot, kept);
        var used = _snapshot.NetworkPolicies.GroupBy(p => p.Namespace).ToDictionary(g => g.Key, g => g.Select(p => p.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var policies = new List<GeneratedPolicy>();
        foreach (var workload in seen.Distinct().Where(w => _options.Covers(w.Namespace) && _selectors.PodsOf(w).Count > 0).Order())
        {
            var directions = Unisolated(_selectors.PodsOf(workload));
            if (directions.Count > 0)
                policies.Add(ForWorkload(workload, directions, kept, dns, leftOut ?? [], Names(used, workload.Namespace), inferred));
        }
        if (_options.WithDefaultDeny)
        {
            var namespaces = policies.Select(p => p.Policy.Namespace).Concat(_options.Namespaces.Where(_snapshot.Namespaces.ContainsKey)).Distinct();
            foreach (var ns in namespaces.Order(StringComparer.Ordinal))
            {
                if (Unisolated(_snapshot.Pods.Where(p => p.Namespace == ns && !p.HostNetwork).ToArray()).Count > 0)
                    policies.Add(DefaultDeny(ns, Names(used, ns)));
            }
        }
        var warnings = new List<string>();
        if (dns.Count == 0 && policies.Any(p => p.Workload is not null && p.Policy.AffectsEgress))
            warnings.Add("no DNS pods found in the cluster (no kube-system Service on port 53, no pods labelled k8s-app=kube-dns or CoreDNS): the generated egress allows no DNS");
        return new GeneratedSet([.. policies.OrderBy(p => p.Policy.Namespace, StringComparer.Ordinal).ThenBy(p => p.Policy.Name, StringComparer.Ordinal)], gone)
        {
            Edges = kept,
            DnsServers = dns,
            Warnings = warnings,
        };
    }

    private bool Gone(TrafficEnd end) => end.Kind == EndKind.Workload && _selectors.PodsOf(end.Workload!).Count == 0;

    /// <summary>The directions in which some of the pods are isolated by no existing policy.</summary>
    private List<PolicyDirection> Unisolated(IReadOnlyList<Pod> pods)
    {
        var directions = new List<PolicyDirection>();
        foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
        {
            if (pods.Any(p => _engine.PoliciesSelecting(_endpoints[p], direction).Count == 0))
                directions.Add(direction);
        }
        return directions;
    }

    private GeneratedPolicy ForWorkload(WorkloadRef workload, List<PolicyDirection> directions, List<ObservedEdge> edges, IReadOnlyList<WorkloadRef> dns,
        IReadOnlyList<LeftOut> leftOut, HashSet<string> used, bool inferred)
    {
        var end = TrafficEnd.OfWorkload(workload);
        var selector = _selectors.For(workload)!;
        var ingress = directions.Contains(PolicyDirection.Ingress)
            ? Rules(PolicyDirection.Ingress, workload, edges.Where(e => e.Destination == end).Select(e => (e.Source, e)), dns) : [];
        var egress = directions.Contains(PolicyDirection.Egress)
            ? Rules(PolicyDirection.Egress, workload, edges.Where(e => e.Source == end).Select(e => (e.Destination, e)), dns) : [];
        var policy = new NetworkPolicy(workload.Namespace, Name(Prefix + workload.Name, Prefix + workload.Name + "-" + workload.Kind.ToLowerInvariant(), used), selector.Selector)
        {
            PolicyTypes = directions,
            Ingress = [.. ingress.Select(r => r.Rule)],
            Egress = [.. egress.Select(r => r.Rule)],
        };
        var connections = edges.Where(e => e.Source == end || e.Destination == end).Sum(e => e.Connections);
        var comments = new List<string>
        {
            inferred
                ? $"{workload}: inferred from the manifests (Services and the clients that name them), not from observed traffic"
                : $"{workload}: from {connections} observed connection{(connections == 1 ? "" : "s")}",
        };
        if (directions.Count < 2)
            comments.Add($"{(directions[0] == PolicyDirection.Ingress ? "egress" : "ingress")} is left to the existing policies, which already isolate it");
        if (selector.SharedWith.Count > 0)
            comments.Add($"the selector also matches the pods of {string.Join(", ", selector.SharedWith)} (the same stable labels): they share these rules");
        if (_options.ExternalEgress == ExternalEgress.FqdnComment && directions.Contains(PolicyDirection.Egress))
        {
            foreach (var item in leftOut.Where(l => l.Reason == "internet-egress" && l.Source == workload.ToString()))
                comments.Add($"not allowed (--egress-external fqdn-comment): {item.Destination}{NamesOf(item.Destination)} {item.Protocol} {string.Join(",", item.Ports)}");
        }
        return new GeneratedPolicy(policy)
        {
            Workload = workload,
            Ingress = ingress,
            Egress = egress,
            Comments = comments,
            Inferred = inferred,
        };
    }

    private string NamesOf(string address) =>
        IpRange.TryParseAddress(address, out var ip) && _names.Of(AddressKey.Of(ip)) is { Count: > 0 } names ? $" ({string.Join(", ", names)})" : "";

    private GeneratedPolicy DefaultDeny(string ns, HashSet<string> used) =>
        new(new NetworkPolicy(ns, Name(Prefix + "default-deny", Prefix + "default-deny-all", used), LabelSelector.Everything)
        {
            PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress],
        })
        {
            Comments = [$"{ns}: default deny; pods no other policy selects admit and open nothing (not even DNS)"],
        };

    private List<GeneratedRule> Rules(PolicyDirection direction, WorkloadRef subject, IEnumerable<(TrafficEnd Peer, ObservedEdge Edge)> edges, IReadOnlyList<WorkloadRef> dns)
    {
        var workloads = new SortedDictionary<WorkloadRef, (HashSet<(Protocol, int)> Ports, SortedSet<string> Notes)>();
        var addresses = new Dictionary<AddressKey, HashSet<(Protocol, int)>>();
        var ends = new Dictionary<AddressKey, TrafficEnd>();
        var notes = new Dictionary<AddressKey, SortedSet<string>>();
        var anywhere = (Ports: new HashSet<(Protocol, int)>(), Notes: new SortedSet<string>(StringComparer.Ordinal));
        foreach (var (peer, edge) in edges)
        {
            if (peer.Kind == EndKind.Anywhere)
            {
                anywhere.Ports.Add((edge.Protocol, edge.Port));
                anywhere.Notes.Add(edge.Note ?? "any source");
                continue;
            }
            if (peer.Kind == EndKind.Workload)
            {
                if (!workloads.TryGetValue(peer.Workload!, out var entry))
                    workloads[peer.Workload!] = entry = ([], new SortedSet<string>(StringComparer.Ordinal));
                entry.Ports.Add((edge.Protocol, edge.Port));
                if (edge.Note is { } note)
                    entry.Notes.Add(note);
                continue;
            }
            var address = peer.Address!.Value;
            if (!addresses.TryGetValue(address, out var ports))
                addresses[address] = ports = [];
            ports.Add((edge.Protocol, edge.Port));
            ends.TryAdd(address, peer);
            if (edge.Note is { } addressNote)
            {
                if (!notes.TryGetValue(address, out var set))
                    notes[address] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(addressNote);
            }
        }
        var own = _selectors.PodsOf(subject);
        var rules = new List<RuleDraft>();
        var dnsRule = direction == PolicyDirection.Egress ? DnsEgress(dns, workloads, subject.Namespace)
            : dns.Contains(subject) ? DnsIngress(workloads) : null;
        foreach (var (peer, (ports, peerNotes)) in workloads)
        {
            if (ports.Count == 0)
                continue;
            rules.Add(new RuleDraft([Peer(peer, subject.Namespace)], PortWriter.Write(ports, direction == PolicyDirection.Ingress ? own : _selectors.PodsOf(peer)),
                [TrafficEnd.OfWorkload(peer)], [], [.. peerNotes]));
        }
        if (dnsRule is not null)
            rules.Add(dnsRule);
        if (anywhere.Ports.Count > 0)
        {
            rules.Add(new RuleDraft([], PortWriter.Write(anywhere.Ports, direction == PolicyDirection.Ingress ? own : []), [TrafficEnd.Anywhere],
                [.. anywhere.Notes.Select(n => $"any source: {n}")], []));
        }
        foreach (var block in CidrAggregator.Aggregate(addresses, _options.AggregateAt))
        {
            var comments = block.Members.SelectMany(m => Comment(m, notes)).ToArray();
            var widenings = block.Aggregated
                ? new[] { $"aggregated: {block.Members.Count} addresses were seen in {block.Cidr}, so the rule admits all of it on the ports seen towards any of them" }
                : [];
            rules.Add(new RuleDraft([IpBlockPeer.Create(block.Cidr, [], "spec")], PortWriter.Write(block.Ports, direction == PolicyDirection.Ingress ? own : []),
                [.. block.Members.Select(m => ends[m])], widenings, comments));
        }
        if (direction == PolicyDirection.Egress)
            AddServiceEndpoints(addresses, ends, rules);
        return [.. rules.Select((r, i) => new GeneratedRule(new PolicyRule(direction, i, r.Peers, r.Ports)) { Peers = r.Ends, Widenings = r.Widenings, Comments = r.Comments })];
    }

    /// <summary>Comments for an address: the names DNS answers gave for it, and the notes of its edges.</summary>
    private IEnumerable<string> Comment(AddressKey address, Dictionary<AddressKey, SortedSet<string>> notes)
    {
        var names = _names.Of(address);
        if (names.Count > 0)
            yield return $"{address.ToAddress()}: {string.Join(", ", names)}";
        foreach (var note in notes.GetValueOrDefault(address) ?? [])
            yield return $"{address.ToAddress()}: {note}";
    }

    /// <summary>
    /// A Service without pods (the API server's <c>default/kubernetes</c>) is reached at its endpoints once its address is
    /// translated, and most CNIs judge the translated packet: the rule for its cluster IP comes with one for its endpoints.
    /// </summary>
    private static void AddServiceEndpoints(Dictionary<AddressKey, HashSet<(Protocol, int)>> addresses, Dictionary<AddressKey, TrafficEnd> ends,
        List<RuleDraft> rules)
    {
        foreach (var (address, end) in ends.Where(e => e.Value.Kind == EndKind.Service).OrderBy(e => e.Value))
        {
            var service = end.Service!;
            var protocols = addresses[address].Select(p => p.Item1).Distinct().ToArray();
            foreach (var group in service.Endpoints.GroupBy(e => e.Address).OrderBy(g => AddressKey.Of(g.Key).Value))
            {
                var block = IpRange.Single(group.Key);
                rules.Add(new RuleDraft([IpBlockPeer.Create(CidrAggregator.Cidr(block), [], "spec")],
                    PortWriter.Write(group.SelectMany(e => protocols.Select(p => (p, e.Port))), []), [end],
                    [$"endpoints of Service {service.Namespace}/{service.Name}: traffic to {address.ToAddress()} reaches them once translated, which is what most CNIs judge"], []));
            }
        }
    }

    /// <summary>
    /// Egress to the cluster's DNS pods on UDP and TCP 53, seen or not: name resolution is what a generated policy must
    /// never break. Observed DNS traffic to those pods is folded in; their other ports keep rules of their own.
    /// </summary>
    private RuleDraft? DnsEgress(IReadOnlyList<WorkloadRef> dns,
        SortedDictionary<WorkloadRef, (HashSet<(Protocol, int)> Ports, SortedSet<string> Notes)> workloads, string ns)
    {
        if (dns.Count == 0)
            return null;
        var seen = new List<TrafficEnd>();
        var complete = true;
        foreach (var server in dns)
        {
            var observed = workloads.TryGetValue(server, out var entry) ? DnsPorts.Count(entry.Ports.Remove) : 0;
            if (observed > 0)
                seen.Add(TrafficEnd.OfWorkload(server));
            complete &= observed == DnsPorts.Length;
        }
        var widenings = complete ? Array.Empty<string>()
            : [$"DNS: every generated egress allows UDP and TCP 53 to the cluster's DNS pods ({string.Join(", ", dns)}), seen or not"];
        return new RuleDraft([.. dns.Select(d => Peer(d, ns))], PortWriter.Write(DnsPorts, []), seen, widenings, []);
    }

    /// <summary>The DNS pods' ingress: every pod of every namespace on UDP and TCP 53, since every generated egress allows it.</summary>
    private static RuleDraft DnsIngress(
        SortedDictionary<WorkloadRef, (HashSet<(Protocol, int)> Ports, SortedSet<string> Notes)> workloads)
    {
        var seen = new List<TrafficEnd>();
        foreach (var (client, entry) in workloads)
        {
            if (DnsPorts.Count(entry.Ports.Remove) > 0)
                seen.Add(TrafficEnd.OfWorkload(client));
        }
        return new RuleDraft([new SelectorPeer(null, LabelSelector.Everything)], PortWriter.Write(DnsPorts, []), seen,
            ["DNS: the cluster's DNS pods admit every pod of every namespace on UDP and TCP 53, as every generated egress allows DNS"], []);
    }

    private SelectorPeer Peer(WorkloadRef workload, string ns) =>
        new(_selectors.For(workload)!.Selector, workload.Namespace == ns ? null : new LabelSelector([new(NamespaceInfo.NameLabel, workload.Namespace)], []));

    private static HashSet<string> Names(Dictionary<string, HashSet<string>> used, string ns)
    {
        if (!used.TryGetValue(ns, out var names))
            used[ns] = names = new HashSet<string>(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The preferred name, else the alternative, else the alternative numbered: never an existing policy's name, which applying would replace.</summary>
    private static string Name(string preferred, string alternative, HashSet<string> used)
    {
        var name = Fit(preferred);
        if (used.Contains(name))
            name = Fit(alternative);
        for (var n = 2; used.Contains(name); n++)
            name = Fit($"{alternative}-{n}");
        used.Add(name);
        return name;
    }

    /// <summary>A rule being assembled: its peers and ports, the observed ends behind it, its widenings and comments.</summary>
    private sealed record RuleDraft(PolicyPeer[] Peers, IReadOnlyList<PolicyPort> Ports, IReadOnlyList<TrafficEnd> Ends, IReadOnlyList<string> Widenings, IReadOnlyList<string> Comments);

    private static string Fit(string name) => name.Length <= MaxName ? name : name[..MaxName].TrimEnd('-', '.');
}
