using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>
/// Collects a scenario's connections. Client ports are ephemeral in 49152-60999, the range both Linux's
/// default and IANA's call ephemeral, so a reply rule based on either reads them the same way.
/// </summary>
public sealed class TrafficBuilder(ClusterSpec cluster, int seed)
{
    private readonly List<Connection> _connections = [];
    private readonly HashSet<(string, int)> _used = [];

    public ClusterSpec Cluster { get; } = cluster;
    public Random Random { get; } = ScenarioSeed.Random(seed);

    public IReadOnlyList<Connection> Connections => _connections;

    public Connection Add(Connection connection)
    {
        _connections.Add(connection);
        return connection;
    }

    /// <summary>Replaces a connection already added (to set what the helpers do not take).</summary>
    public Connection Update(Connection connection, Func<Connection, Connection> change)
    {
        var index = _connections.IndexOf(connection);
        _connections[index] = change(connection);
        return _connections[index];
    }

    /// <summary>
    /// A client port no workload listens on (50051 is in the range and served by two shop services), never
    /// reused by the same address, so a 5-tuple names one connection.
    /// </summary>
    public int Ephemeral(string clientIp)
    {
        while (true)
        {
            var port = 49152 + Random.Next(60999 - 49152 + 1);
            if (!Cluster.Workloads.Any(w => w.Ports.Any(p => p.Port == port)) && _used.Add((clientIp, port)))
                return port;
        }
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>A random pod of a workload (clients and backends spread over replicas).</summary>
    public ClusterPod AnyPod(ClusterWorkload workload) => Pick(workload.Pods);

    /// <summary>A connection through a Service's cluster IP to one of its pods, at the service port.</summary>
    public Connection ViaService(DateTimeOffset time, Peer src, ClusterService service, int servicePort, string protocol = "TCP", L7Record? l7 = null,
        Verdict verdict = Verdict.Forwarded, bool allowed = true, string note = "")
    {
        var backend = service.Backend ?? throw new InvalidOperationException($"{service} has no pods; use {nameof(Direct)} with its cluster IP");
        return Add(new Connection
        {
            Time = time, Src = src, SrcPort = Ephemeral(src.Ip), Dst = new PodPeer(AnyPod(backend)), DstPort = service.TargetPort(servicePort, protocol),
            Protocol = protocol, Service = service, ServicePort = servicePort, L7 = l7, Verdict = verdict, AllowedByCluster = allowed,
            Bytes = 400 + Random.Next(6000), Note = note,
        });
    }

    /// <summary>A connection straight to an address (pod IP, node, external, Service without pods).</summary>
    public Connection Direct(DateTimeOffset time, Peer src, Peer dst, int port, string protocol = "TCP", L7Record? l7 = null,
        Verdict verdict = Verdict.Forwarded, bool allowed = true, bool responds = true, string note = "")
    {
        return Add(new Connection
        {
            Time = time, Src = src, SrcPort = Ephemeral(src.Ip), Dst = dst, DstPort = port, Protocol = protocol, L7 = l7,
            Verdict = verdict, AllowedByCluster = allowed, Responds = responds, Bytes = 200 + Random.Next(3000), Note = note,
        });
    }

    /// <summary>An ICMP echo request (and, when the destination answers, its reply): no ports, written as 0 or left out.</summary>
    public Connection Ping(DateTimeOffset time, Peer src, Peer dst, Verdict verdict = Verdict.Forwarded, bool allowed = true, string note = "") =>
        Add(new Connection
        {
            Time = time, Src = src, SrcPort = 0, Dst = dst, DstPort = 0, Protocol = "ICMP", Verdict = verdict, AllowedByCluster = allowed,
            Bytes = 84, Note = note,
        });

    /// <summary>A DNS lookup through the kube-dns Service (UDP 53), with the query visible to Hubble.</summary>
    public Connection Dns(DateTimeOffset time, ClusterPod src, string name, int rcode = 0, string note = "dns") =>
        ViaService(time, new PodPeer(src), Cluster.Service("kube-system", "kube-dns"), 53, "UDP", new DnsQuery(name, "A", rcode), note: note);

    /// <summary>A time within [from, from + seconds), at millisecond resolution.</summary>
    public DateTimeOffset Jitter(DateTimeOffset from, double seconds) => from.AddMilliseconds(Random.NextDouble() * seconds * 1000);
}
