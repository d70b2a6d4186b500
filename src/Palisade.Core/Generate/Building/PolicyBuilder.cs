using Palisade.Connectivity;
using Palisade.Flows.Identity;
using Palisade.Generate.Traffic;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Generate.Building;

/// <summary>
/// Builds one NetworkPolicy per workload seen, isolating ingress and egress, with rules from the observed edges: one
/// rule per peer with its ports merged, workloads by their selectors (and <c>kubernetes.io/metadata.name</c> across
/// namespaces), addresses as ipBlocks (those with the same ports sharing a rule). On a side no existing policy
/// isolates, rules may admit more than was seen, each widening stated: egress allows DNS to the cluster's DNS pods,
/// whose ingress admits every pod; many addresses of a /24 aggregate; a Service without pods comes with its endpoints.
/// On a side existing policies isolate, rules admit exactly what was seen, so that nothing they deny becomes allowed.
/// Deterministic: the same input gives the same policies.
/// </summary>
public sealed class PolicyBuilder
{
    private const string Prefix = "palisade-";
    private const int MaxName = 253;
    private const string DefaultDenyName = Prefix + "default-deny";
    private static readonly (Protocol, int)[] DnsPorts = [(Protocol.Udp, 53), (Protocol.Tcp, 53)];

    private readonly NetworkSnapshot _snapshot;
    private readonly ObjectIndex _objects;
    private readonly GenerateOptions _options;
    private readonly DnsNames _names;
    private readonly SelectorChooser _selectors;

    /// <summary>A builder for policies added to the snapshot's; <paramref name="objects"/> holds the Services' annotations.</summary>
    public PolicyBuilder(NetworkSnapshot snapshot, GenerateOptions options, DnsNames? names = null, ObjectIndex? objects = null)
    {
        _snapshot = snapshot;
        _objects = objects ?? ObjectIndex.Empty;
        _options = options;
        _names = names ?? new DnsNames();
        _selectors = new SelectorChooser(snapshot);
    }

    /// <summary>
    /// The policies for the <paramref name="seen"/> workloads from the traffic to allow; <paramref name="leftOut"/>
    /// is what the traffic log left out (its internet egress becomes comments under <see cref="ExternalEgress.FqdnComment"/>).
    /// An existing policy with the name a generated one takes is an earlier generation: the new one replaces it.
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
        var subjects = seen.Distinct().Where(w => _options.Covers(w.Namespace) && _selectors.PodsOf(w).Count > 0).Order().ToArray();
        var names = PolicyNames(subjects);
        var namespaces = _options.WithDefaultDeny
            ? subjects.Select(w => w.Namespace).Concat(_options.Namespaces.Where(_snapshot.Namespaces.ContainsKey)).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var taken = names.Values.Concat(namespaces.Select(ns => (ns, DefaultDenyName))).ToHashSet();
        var replaced = _snapshot.NetworkPolicies.Where(p => taken.Contains((p.Namespace, p.Name))).ToArray();
        var existing = new PolicyEngine(Without(replaced), _options.Check.Engine);
        var endpoints = new Dictionary<Pod, PodEndpoint>(ReferenceEqualityComparer.Instance);
        foreach (var endpoint in existing.Pods)
            endpoints[endpoint.Pod] = endpoint;
        var dns = DnsWorkloads.Find(_snapshot, kept);
        var byEnd = EdgesByEnd(kept);
        var policies = new List<GeneratedPolicy>();
        foreach (var workload in subjects)
        {
            var open = Open(existing, _selectors.PodsOf(workload).Where(endpoints.ContainsKey).Select(p => endpoints[p]));
            policies.Add(ForWorkload(workload, names[workload].Name, open, byEnd.GetValueOrDefault(TrafficEnd.OfWorkload(workload)) ?? [], dns, leftOut ?? [], inferred));
        }
        foreach (var ns in namespaces)
            policies.Add(DefaultDeny(ns));
        var warnings = new List<string>();
        if (dns.Count == 0 && policies.Count > 0)
            warnings.Add("no DNS pods found in the cluster (no kube-system Service on port 53, no pods labelled k8s-app=kube-dns or CoreDNS): the generated egress allows no DNS");
        return new GeneratedSet([.. policies.OrderBy(p => p.Policy.Namespace, StringComparer.Ordinal).ThenBy(p => p.Policy.Name, StringComparer.Ordinal)], gone)
        {
            Edges = kept,
            DnsServers = dns,
            Replaced = replaced,
            Warnings = warnings,
        };
    }

    private bool Gone(TrafficEnd end) => end.Kind == EndKind.Workload && _selectors.PodsOf(end.Workload!).Count == 0;

    /// <summary>
    /// <c>palisade-NAME</c>; workloads of one namespace and name (a Deployment and a StatefulSet) add their kind. A name
    /// that would still be taken twice in its namespace (a Deployment named <c>db-statefulset</c> beside those), taken by
    /// the namespace's default deny, or longer than 253 characters ends with a hash of the workload's kind and name
    /// instead: two objects of one name would make <c>kubectl apply</c> keep only the last.
    /// </summary>
    private static Dictionary<WorkloadRef, (string Namespace, string Name)> PolicyNames(IEnumerable<WorkloadRef> subjects)
    {
        var candidates = subjects.GroupBy(w => (w.Namespace, w.Name)).SelectMany(g => g.Select(w =>
            (w, Name: g.Count() == 1 ? Prefix + w.Name : $"{Prefix}{w.Name}-{w.Kind.ToLowerInvariant()}"))).ToArray();
        var uses = candidates.GroupBy(c => (c.w.Namespace, c.Name)).ToDictionary(g => g.Key, g => g.Count());
        return candidates.ToDictionary(c => c.w, c => (c.w.Namespace,
            c.Name.Length <= MaxName && uses[(c.w.Namespace, c.Name)] == 1 && c.Name != DefaultDenyName ? c.Name : Hashed(c.Name, c.w)));
    }

    private static string Hashed(string name, WorkloadRef workload)
    {
        var hash = 2166136261u;
        foreach (var c in $"{workload.Kind}/{workload.Name}")
            hash = (hash ^ c) * 16777619u;
        var suffix = "-" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return name[..Math.Min(name.Length, MaxName - suffix.Length)].TrimEnd('-', '.') + suffix;
    }

    private NetworkSnapshot Without(IReadOnlyCollection<NetworkPolicy> replaced)
    {
        var s = _snapshot;
        return new NetworkSnapshot(s.Namespaces.Values, s.Pods, s.NetworkPolicies.Where(p => !replaced.Contains(p)), s.Services, s.AdminPolicies, s.IngressRoutes) { Nodes = s.Nodes };
    }

    /// <summary>
    /// The directions in which no existing policy isolates any of the pods: there the pods allow everything today, so a
    /// rule may admit more than was seen (DNS, aggregated CIDRs) without allowing anything the policies deny.
    /// </summary>
    private static HashSet<PolicyDirection> Open(PolicyEngine existing, IEnumerable<PodEndpoint> pods)
    {
        var endpoints = pods.ToArray();
        return [.. new[] { PolicyDirection.Ingress, PolicyDirection.Egress }.Where(d => endpoints.All(e => existing.PoliciesSelecting(e, d).Count == 0))];
    }

    /// <summary>The edges each end takes part in, in their order, found once rather than per workload.</summary>
    private static Dictionary<TrafficEnd, List<ObservedEdge>> EdgesByEnd(IEnumerable<ObservedEdge> edges)
    {
        var byEnd = new Dictionary<TrafficEnd, List<ObservedEdge>>();
        foreach (var edge in edges)
        {
            foreach (var end in edge.Source == edge.Destination ? [edge.Source] : new[] { edge.Source, edge.Destination })
            {
                if (!byEnd.TryGetValue(end, out var list))
                    byEnd[end] = list = [];
                list.Add(edge);
            }
        }
        return byEnd;
    }

    private GeneratedPolicy ForWorkload(WorkloadRef workload, string name, HashSet<PolicyDirection> open, List<ObservedEdge> edges, IReadOnlyList<WorkloadRef> dns,
        IReadOnlyList<LeftOut> leftOut, bool inferred)
    {
        var end = TrafficEnd.OfWorkload(workload);
        var selector = _selectors.For(workload)!;
        var ingress = Rules(PolicyDirection.Ingress, workload, edges.Where(e => e.Destination == end).Select(e => (e.Source, e)), dns, open.Contains(PolicyDirection.Ingress));
        var egress = Rules(PolicyDirection.Egress, workload, edges.Where(e => e.Source == end).Select(e => (e.Destination, e)), dns, open.Contains(PolicyDirection.Egress));
        var policy = new NetworkPolicy(workload.Namespace, name, selector.Selector)
        {
            PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress],
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
        foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress }.Where(d => !open.Contains(d)))
            comments.Add($"{direction.ToString().ToLowerInvariant()}: existing policies already isolate it, so these rules admit exactly what was seen (no DNS or CIDR widening)");
        if (selector.SharedWith.Count > 0)
            comments.Add($"the selector also matches the pods of {string.Join(", ", selector.SharedWith)} (the same stable labels): they share these rules");
        if (_options.ExternalEgress == ExternalEgress.FqdnComment)
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

    private static GeneratedPolicy DefaultDeny(string ns) =>
        new(new NetworkPolicy(ns, DefaultDenyName, LabelSelector.Everything)
        {
            PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress],
        })
        {
            Comments = [$"{ns}: default deny; pods no other policy selects admit and open nothing (not even DNS)"],
        };

    /// <summary>The rules of one direction; <paramref name="widen"/> allows admitting more than was seen (DNS, aggregation, endpoints, exposure).</summary>
    private List<GeneratedRule> Rules(PolicyDirection direction, WorkloadRef subject, IEnumerable<(TrafficEnd Peer, ObservedEdge Edge)> edges, IReadOnlyList<WorkloadRef> dns, bool widen)
    {
        var workloads = new SortedDictionary<WorkloadRef, (HashSet<(Protocol, int)> Ports, SortedSet<string> Notes)>();
        var addresses = new Dictionary<AddressKey, HashSet<(Protocol, int)>>();
        var ends = new Dictionary<AddressKey, TrafficEnd>();
        var notes = new Dictionary<AddressKey, SortedSet<string>>();
        var anywhere = (Ports: new HashSet<(Protocol, int)>(), Notes: new SortedSet<string>(StringComparer.Ordinal));
        var own = _selectors.PodsOf(subject);
        var exposed = direction == PolicyDirection.Ingress && widen ? PublicPorts(own) : [];
        var publicEnds = new SortedSet<TrafficEnd>();
        var ranged = direction == PolicyDirection.Ingress && widen ? RangedPorts(own) : [];
        var rangeClients = new SortedDictionary<string, (SourceRanges Source, HashSet<(Protocol, int)> Ports, SortedSet<TrafficEnd> Ends)>(StringComparer.Ordinal);
        foreach (var (peer, edge) in edges)
        {
            if (peer.Kind == EndKind.External && exposed.ContainsKey((edge.Protocol, edge.Port)) && SpecialAddresses.IsPublic(peer.Address!.Value))
            {
                anywhere.Ports.Add((edge.Protocol, edge.Port));
                publicEnds.Add(peer);
                continue;
            }
            if (peer.Kind == EndKind.External && SpecialAddresses.IsPublic(peer.Address!.Value)
                && ranged.GetValueOrDefault((edge.Protocol, edge.Port))?.Find(r => r.Holds(peer.Address!.Value.ToAddress())) is { } source)
            {
                if (!rangeClients.TryGetValue(source.Reason, out var clients))
                    rangeClients[source.Reason] = clients = (source, [], []);
                clients.Ports.Add((edge.Protocol, edge.Port));
                clients.Ends.Add(peer);
                continue;
            }
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
        if (publicEnds.Count > 0)
        {
            foreach (var reason in anywhere.Ports.Where(exposed.ContainsKey).SelectMany(p => exposed[p]).Distinct())
                anywhere.Notes.Add($"{reason}; its clients are the internet ({publicEnds.Count} public address{(publicEnds.Count == 1 ? "" : "es")} seen)");
        }
        var rules = new List<RuleDraft>();
        var dnsRule = !widen ? null
            : direction == PolicyDirection.Egress ? DnsEgress(dns, workloads, subject.Namespace)
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
        if (anywhere.Ports.Count > 0 && widen)
        {
            rules.Add(new RuleDraft([], PortWriter.Write(anywhere.Ports, direction == PolicyDirection.Ingress ? own : []), [TrafficEnd.Anywhere, .. publicEnds],
                [.. anywhere.Notes.Select(n => $"any source: {n}")], []));
        }
        foreach (var (reason, (source, ports, clients)) in rangeClients)
        {
            rules.Add(new RuleDraft([.. source.Cidrs.Select(c => IpBlockPeer.Create(c, [], "spec"))], PortWriter.Write(ports, own), [.. clients],
                [$"source ranges: {reason}; its clients are those ranges ({clients.Count} public address{(clients.Count == 1 ? "" : "es")} seen)"], []));
        }
        // Blocks with the same ports share a rule: one peer per block, the ports merged once.
        var blocks = CidrAggregator.Aggregate(addresses, widen ? _options.AggregateAt : int.MaxValue);
        foreach (var group in blocks.GroupBy(b => string.Join(",", b.Ports)))
        {
            var members = group.SelectMany(b => b.Members).ToArray();
            var widenings = group.Where(b => b.Aggregated)
                .Select(b => $"aggregated: {b.Members.Count} addresses were seen in {b.Cidr}, so the rule admits all of it on the ports seen towards any of them");
            rules.Add(new RuleDraft([.. group.Select(b => IpBlockPeer.Create(b.Cidr, [], "spec"))],
                PortWriter.Write(group.First().Ports, direction == PolicyDirection.Ingress ? own : []),
                [.. members.Select(m => ends[m])], [.. widenings], [.. members.SelectMany(m => Comment(m, notes))]));
        }
        if (direction == PolicyDirection.Egress && widen)
            AddServiceEndpoints(addresses, ends, rules);
        return [.. rules.Select((r, i) => new GeneratedRule(new PolicyRule(direction, i, r.Peers, r.Ports)) { Peers = r.Ends, Widenings = r.Widenings, Comments = r.Comments })];
    }

    /// <summary>
    /// The target ports on which the pods are open to the internet (a LoadBalancer without source ranges or with one of
    /// a whole family, a NodePort, external IPs), with why: public clients seen there stand for everyone, as a capture holds only a few visitors.
    /// </summary>
    private Dictionary<(Protocol, int), List<string>> PublicPorts(IReadOnlyList<Pod> pods) => TargetPorts(pods, service =>
        service.Type is not ("LoadBalancer" or "NodePort") && service.ExternalIps.Count == 0
        || service.Type == "LoadBalancer" && service.ExternalIps.Count == 0 && SourceRanges.Of(service, _objects) is not null
            ? null
            : $"Service {service.Namespace}/{service.Name} is {(service.ExternalIps.Count > 0 ? "given external IPs" : "of type " + service.Type)}");

    /// <summary>
    /// The target ports on which the pods are open to the client ranges of a LoadBalancer (loadBalancerSourceRanges none
    /// of which is a whole family): public clients seen in a range stand for the range, as a capture holds only a few.
    /// </summary>
    private Dictionary<(Protocol, int), List<SourceRanges>> RangedPorts(IReadOnlyList<Pod> pods) => TargetPorts(pods, service =>
        service.Type != "LoadBalancer" || service.ExternalIps.Count > 0 ? null : SourceRanges.Of(service, _objects));

    /// <summary>
    /// The target ports, on the pods, of the Services <paramref name="classify"/> gives a value for, each with the
    /// distinct values of the Services that reach it.
    /// </summary>
    private Dictionary<(Protocol, int), List<T>> TargetPorts<T>(IReadOnlyList<Pod> pods, Func<ServiceInfo, T?> classify)
        where T : class
    {
        var ports = new Dictionary<(Protocol, int), List<T>>();
        foreach (var service in _snapshot.Services)
        {
            if (classify(service) is not { } value)
                continue;
            foreach (var pod in pods.Where(service.Selects))
            {
                foreach (var port in service.Ports)
                {
                    if (port.TargetOn(pod) is not { } target)
                        continue;
                    if (!ports.TryGetValue((port.Protocol, target), out var values))
                        ports[(port.Protocol, target)] = values = [];
                    if (!values.Contains(value))
                        values.Add(value);
                }
            }
        }
        return ports;
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

    /// <summary>A rule being assembled: its peers and ports, the observed ends behind it, its widenings and comments.</summary>
    private sealed record RuleDraft(PolicyPeer[] Peers, IReadOnlyList<PolicyPort> Ports, IReadOnlyList<TrafficEnd> Ends, IReadOnlyList<string> Widenings, IReadOnlyList<string> Comments);
}
