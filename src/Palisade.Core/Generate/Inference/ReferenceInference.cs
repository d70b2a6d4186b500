using Palisade.Generate.Building;
using Palisade.Generate.Traffic;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Inference;

/// <summary>
/// Infers the traffic the manifests declare, as roxctl's build-time generation does: a client reaches a Service it
/// names in its configuration as <c>svc</c> (in its own namespace; with a port or a scheme, since a bare word is too
/// ambiguous), <c>svc.ns</c>, <c>svc.ns.svc</c> or <c>svc.ns.svc.&lt;cluster domain&gt;</c>, on the port given (a Service
/// port), on the scheme's port (http 80, https 443) when the Service has it, else on every Service port; the
/// Service's pods are reached at the target port. Services of type LoadBalancer or NodePort, with external IPs, or
/// behind an Ingress or Route admit any source on their target ports. Every workload gets a policy.
/// </summary>
public static class ReferenceInference
{
    private static readonly Dictionary<string, int> SchemePorts = new(StringComparer.Ordinal) { ["http"] = 80, ["https"] = 443, ["ws"] = 80, ["wss"] = 443 };

    /// <summary>The traffic the references and the exposed Services declare.</summary>
    public static InferredTraffic Infer(Cluster cluster, IReadOnlyList<DeclaredReference> references, string clusterDomain)
    {
        var snapshot = cluster.Network;
        var pods = snapshot.Pods.Where(p => !p.HostNetwork).ToArray();
        var edges = new Dictionary<(TrafficEnd, TrafficEnd, Protocol, int), SortedSet<string>>();
        var leftOut = new List<LeftOut>();
        var named = new HashSet<ServiceInfo>();
        foreach (var reference in references)
        {
            foreach (var host in HostReference.Find(reference.Value))
            {
                var service = Resolve(snapshot, reference.Client.Namespace, host, clusterDomain);
                if (service is null)
                {
                    if (host.Qualified && IsClusterName(host.Host, clusterDomain))
                        leftOut.Add(new LeftOut("no-such-service", reference.Client.ToString(), host.Host, "TCP", host.Port is { } p ? [p] : [], 0));
                    continue;
                }
                named.Add(service);
                var ports = Ports(service, host);
                if (ports.Count == 0)
                {
                    leftOut.Add(new LeftOut("no-such-port", reference.Client.ToString(), $"{service.Namespace}/{service.Name}", "TCP", [host.Port!.Value], 0));
                    continue;
                }
                foreach (var pod in pods.Where(service.Selects))
                {
                    if (pod.Owner == reference.Client)
                        continue;
                    foreach (var port in ports)
                    {
                        if (port.TargetOn(pod) is { } target)
                            Add(edges, TrafficEnd.OfWorkload(reference.Client), TrafficEnd.OfWorkload(pod.Owner), port.Protocol, target, $"inferred from {reference}");
                    }
                }
            }
        }
        var exposed = Exposed(snapshot).ToArray();
        foreach (var (service, why) in exposed)
        {
            foreach (var pod in pods.Where(service.Selects))
            {
                foreach (var port in service.Ports.Where(p => why.Ports is null || why.Ports.Contains(p)))
                {
                    if (port.TargetOn(pod) is { } target)
                        Add(edges, TrafficEnd.Anywhere, TrafficEnd.OfWorkload(pod.Owner), port.Protocol, target, $"inferred: {why.Reason}");
                }
            }
        }
        leftOut.AddRange(Unnamed(snapshot, pods, named, exposed.Select(e => e.Service), edges.Keys));
        var list = edges.Select(e => new ObservedEdge(e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Key.Item4)
        {
            Note = string.Join("; ", e.Value),
            Samples = Samples(e.Key.Item1, e.Key.Item2, pods),
        }).OrderBy(e => e.Source).ThenBy(e => e.Destination).ThenBy(e => e.Protocol).ThenBy(e => e.Port).ToArray();
        return new InferredTraffic(list, [.. pods.Select(p => p.Owner).Distinct().Order()], leftOut);
    }

    /// <summary>
    /// Services with pods that no client names and nothing exposes: their pods' policies admit nothing, which breaks
    /// clients that find them in code (the guestbook's Redis), so they are listed rather than left to a silent proof.
    /// </summary>
    private static IEnumerable<LeftOut> Unnamed(NetworkSnapshot snapshot, Pod[] pods, HashSet<ServiceInfo> named, IEnumerable<ServiceInfo> exposed,
        IEnumerable<(TrafficEnd Source, TrafficEnd Destination, Protocol Protocol, int Port)> edges)
    {
        var admitted = edges.Select(e => (e.Destination.Workload, e.Protocol, e.Port)).ToHashSet();
        var reached = new HashSet<ServiceInfo>(exposed);
        reached.UnionWith(named);
        var dns = DnsWorkloads.Find(snapshot, []).ToHashSet();
        foreach (var service in snapshot.Services.Where(s => s.Selector is { Count: > 0 } && !reached.Contains(s) && pods.Any(s.Selects))
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            // Every generated egress reaches the DNS pods on 53, and their policy admits every pod there.
            var selected = pods.Where(service.Selects).ToArray();
            var servesDns = selected.Any(p => dns.Contains(p.Owner));
            // A headless twin of a named Service leads to pods already admitted on that port.
            bool Admitted(ServicePort port) => selected.All(p => port.TargetOn(p) is not { } target || admitted.Contains((p.Owner, port.Protocol, target)));
            foreach (var group in service.Ports.Where(p => !(servesDns && p.Port == 53) && !Admitted(p)).GroupBy(p => p.Protocol).OrderBy(g => g.Key))
                yield return new LeftOut("no-client", "*", $"Service {service.Namespace}/{service.Name}", group.Key.Name(), [.. group.Select(p => p.Port).Order()], 0);
        }
    }

    private static void Add(Dictionary<(TrafficEnd, TrafficEnd, Protocol, int), SortedSet<string>> edges, TrafficEnd source, TrafficEnd destination, Protocol protocol, int port, string note)
    {
        var key = (source, destination, protocol, port);
        if (!edges.TryGetValue(key, out var notes))
            edges[key] = notes = new SortedSet<string>(StringComparer.Ordinal);
        notes.Add(note);
    }

    /// <summary>The pods of each end, for the proof's replay; an edge from anywhere names no peer to replay.</summary>
    private static IReadOnlyList<EdgeSample> Samples(TrafficEnd source, TrafficEnd destination, Pod[] pods)
    {
        if (source.Workload is null || destination.Workload is null)
            return [];
        var from = pods.Where(p => p.Owner == source.Workload).DistinctBy(p => p.Labels);
        var to = pods.Where(p => p.Owner == destination.Workload).DistinctBy(p => p.Labels).ToArray();
        return [.. from.SelectMany(s => to.Select(d => new EdgeSample(Flows.Identity.FlowPeer.OfPod(s), Flows.Identity.FlowPeer.OfPod(d))))];
    }

    /// <summary>The Service a host names from the client's namespace, if any.</summary>
    private static ServiceInfo? Resolve(NetworkSnapshot snapshot, string clientNamespace, HostReference host, string clusterDomain)
    {
        var labels = host.Host.Split('.');
        var suffix = clusterDomain.Split('.');
        (string Namespace, string Name)? target = labels switch
        {
            [var name] when host.Qualified => (clientNamespace, name),
            [var name, var ns] => (ns, name),
            [var name, var ns, "svc"] => (ns, name),
            [var name, var ns, "svc", .. var rest] when rest.SequenceEqual(suffix) => (ns, name),
            _ => null,
        };
        return target is { } t ? snapshot.Services.FirstOrDefault(s => s.Namespace == t.Namespace && s.Name == t.Name && s.Selector is { Count: > 0 }) : null;
    }

    /// <summary>Whether a host is a cluster name (<c>x.y.svc</c>, <c>x.y.svc.cluster.local</c>) that should name a Service.</summary>
    private static bool IsClusterName(string host, string clusterDomain) =>
        host.EndsWith(".svc", StringComparison.Ordinal) || host.EndsWith(".svc." + clusterDomain, StringComparison.Ordinal);

    /// <summary>The Service ports a reference uses: the port given, else the scheme's when the Service has it, else all.</summary>
    private static IReadOnlyList<ServicePort> Ports(ServiceInfo service, HostReference host)
    {
        if (host.Port is { } port)
            return [.. service.Ports.Where(p => p.Port == port)];
        if (host.Scheme is { } scheme && SchemePorts.TryGetValue(scheme, out var implied) && service.Ports.Any(p => p.Port == implied))
            return [.. service.Ports.Where(p => p.Port == implied)];
        return service.Ports;
    }

    /// <summary>Whether a route's backend leads to the Service port: by name, by number, or every port when it names none.</summary>
    private static bool Routes(ServiceBackend backend, ServicePort port) =>
        backend.PortName is null && backend.PortNumber is null || backend.PortName is { } name && name == port.Name || backend.PortNumber == port.Port;

    /// <summary>Services reachable from outside the cluster, with why and through which ports (null: all).</summary>
    private static IEnumerable<(ServiceInfo Service, (string Reason, IReadOnlyList<ServicePort>? Ports) Why)> Exposed(NetworkSnapshot snapshot)
    {
        var routed = snapshot.IngressRoutes.SelectMany(r => r.Backends.Select(b => (Route: r, Backend: b))).ToArray();
        foreach (var service in snapshot.Services.Where(s => s.Selector is { Count: > 0 }).OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (service.Type is "LoadBalancer" or "NodePort" || service.ExternalIps.Count > 0)
            {
                yield return (service, ($"Service {service.Namespace}/{service.Name} is {(service.ExternalIps.Count > 0 ? "given external IPs" : "of type " + service.Type)}, open to any source", null));
                continue;
            }
            var routes = routed.Where(r => r.Route.Namespace == service.Namespace && r.Backend.ServiceName == service.Name).ToArray();
            if (routes.Length > 0)
            {
                var ports = service.Ports.Where(p => routes.Any(r => Routes(r.Backend, p))).ToArray();
                yield return (service, ($"{routes[0].Route} routes to Service {service.Namespace}/{service.Name}; the ingress controller is not known, so any source", ports));
            }
        }
    }
}
