using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Benchmarks.Dense;

/// <summary>
/// A seeded dense cluster, the second family beside <see cref="SyntheticCluster"/>: workloads as Deployment,
/// StatefulSet and DaemonSet templates; app names and team labels shared across namespaces; some namespaces
/// without any default deny, some denying ingress only, the rest both; rules from the same namespace, from
/// every namespace of a team or of production, from any namespace, and many ipBlocks in both directions.
/// Open namespaces make the output grow with the square of the workloads, as in real clusters.
/// </summary>
public static class DenseCluster
{
    private const int PodsPerNamespace = 100;
    private const int Teams = 20;

    private static readonly string[] Apps =
    [
        "frontend", "api", "cart", "catalog", "checkout", "payments", "auth", "search", "orders", "inventory",
        "shipping", "notifier", "worker", "scheduler", "gateway", "reports", "redis", "postgres", "kafka", "log-agent",
    ];

    /// <summary>Generates the cluster; the same size and seed give the same cluster.</summary>
    public static NetworkSnapshot Generate(DenseSize size, int seed = 42)
    {
        var random = new Random(seed);
        var count = Math.Max(4, size.Pods / PodsPerNamespace);
        var namespaces = new List<NamespaceInfo>();
        var pods = new List<Pod>(size.Pods / 3);
        var podCount = 0;
        for (var i = 0; i < count; i++)
        {
            var ns = new NamespaceInfo(Namespace(i), LabelSet.From([new("team", Team(i)), new("env", Env(i))]));
            namespaces.Add(ns);
            var target = (int)((long)(i + 1) * size.Pods / count);
            for (var j = 0; podCount < target; j++)
            {
                var pod = Workload(ns.Name, i, j, random);
                pods.Add(pod);
                podCount += pod.Replicas;
            }
        }
        namespaces.Add(new NamespaceInfo("monitoring", LabelSet.From([new("team", "platform"), new("env", "prod")])));
        namespaces.Add(new NamespaceInfo("kube-system", LabelSet.Empty));
        pods.Add(Template("monitoring", "prometheus", "Deployment", 2, LabelSet.From([new("app", "prometheus")]), [new("web", 9090, Protocol.Tcp)]));
        pods.Add(Template("kube-system", "coredns", "Deployment", 2, LabelSet.From([new("k8s-app", "kube-dns")]),
            [new("dns", 53, Protocol.Udp), new("dns-tcp", 53, Protocol.Tcp)]));
        var policies = new List<NetworkPolicy>(size.Policies);
        var byNamespace = pods.GroupBy(p => p.Namespace).ToDictionary(g => g.Key, g => g.ToArray());
        var serial = 0;
        for (var i = 0; i < count; i++)
        {
            var quota = (int)((long)(i + 1) * size.Policies / count - (long)i * size.Policies / count);
            policies.AddRange(NamespacePolicies(i, byNamespace[Namespace(i)], quota, ref serial, random));
        }
        return new NetworkSnapshot(namespaces, pods, policies);
    }

    /// <summary>How namespace <paramref name="index"/> is isolated: 0 not at all, 1 ingress, 2 ingress and egress.</summary>
    public static int Isolation(int index) => (index % 20) switch
    {
        < 3 => 0,
        < 10 => 1,
        _ => 2,
    };

    private static string Namespace(int index) => $"dense-{index}";

    private static string Team(int index) => $"team-{index % Teams}";

    private static string Env(int index) => (index % 3) switch { 0 => "prod", 1 => "staging", _ => "dev" };

    private static Pod Workload(string ns, int namespaceIndex, int index, Random random)
    {
        var app = Apps[index % Apps.Length];
        var name = index < Apps.Length ? app : $"{app}-{index / Apps.Length}";
        var tier = Tier(app);
        var labels = LabelSet.From([
            new("app", app), new("app.kubernetes.io/instance", name), new("tier", tier), new("team", Team(namespaceIndex)),
            new("version", index % 4 == 0 ? "v2" : "v1"),
        ]);
        var (kind, replicas) = tier switch
        {
            "db" => ("StatefulSet", 1 + random.Next(3)),
            "agent" => ("DaemonSet", 1),
            _ => ("Deployment", 2 + random.Next(7)),
        };
        return Template(ns, name, kind, replicas, labels, Ports(app, tier));
    }

    private static Pod Template(string ns, string name, string kind, int replicas, LabelSet labels, ContainerPort[] ports) =>
        new(ns, name, labels, new WorkloadRef(ns, name, kind)) { Ports = ports, Replicas = replicas, FromTemplate = true };

    private static string Tier(string app) => app switch
    {
        "frontend" or "gateway" => "web",
        "notifier" or "worker" or "scheduler" => "worker",
        "redis" or "postgres" or "kafka" => "db",
        "log-agent" => "agent",
        _ => "api",
    };

    private static ContainerPort[] Ports(string app, string tier) => tier switch
    {
        "web" => [new("http", 8080, Protocol.Tcp), new("metrics", 9090, Protocol.Tcp)],
        "api" => [new("http", 8080, Protocol.Tcp), new("grpc", 50051, Protocol.Tcp), new("metrics", 9090, Protocol.Tcp)],
        "db" => [new(app, app switch { "redis" => 6379, "postgres" => 5432, _ => 9092 }, Protocol.Tcp), new("metrics", 9090, Protocol.Tcp)],
        _ => [new("metrics", 9090, Protocol.Tcp)],
    };

    /// <summary>The namespace's policies; <paramref name="serial"/> counts app policies across namespaces and decides their kinds.</summary>
    private static List<NetworkPolicy> NamespacePolicies(int index, Pod[] workloads, int quota, ref int serial, Random random)
    {
        var ns = Namespace(index);
        var isolation = Isolation(index);
        var result = new List<NetworkPolicy>();
        if (isolation > 0 && result.Count < quota)
        {
            result.Add(new NetworkPolicy(ns, "default-deny", LabelSelector.Everything)
            {
                PolicyTypes = isolation == 2 ? [PolicyDirection.Ingress, PolicyDirection.Egress] : [PolicyDirection.Ingress],
            });
        }
        if (isolation == 2 && result.Count < quota)
        {
            result.Add(new NetworkPolicy(ns, "allow-dns", LabelSelector.Everything)
            {
                PolicyTypes = [PolicyDirection.Egress],
                Egress = [Rule(PolicyDirection.Egress, [Peer(Selector(("k8s-app", "kube-dns")), Selector((NamespaceInfo.NameLabel, "kube-system")))],
                    Port("UDP", 53), Port("TCP", 53))],
            });
        }
        if (isolation > 0 && result.Count < quota)
        {
            result.Add(new NetworkPolicy(ns, "allow-monitoring", LabelSelector.Everything)
            {
                PolicyTypes = [PolicyDirection.Ingress],
                Ingress = [Rule(PolicyDirection.Ingress, [Peer(Selector(("app", "prometheus")), Selector((NamespaceInfo.NameLabel, "monitoring")))], Named("metrics"))],
            });
        }
        while (result.Count < quota)
        {
            var target = workloads[random.Next(workloads.Length)];
            result.Add(isolation == 0 ? OpenNamespacePolicy(ns, target, serial) : AppPolicy(ns, target, workloads, serial, random));
            serial++;
        }
        return result;
    }

    /// <summary>A namespace without default deny protects some apps only: its databases, or a frontend by address.</summary>
    private static NetworkPolicy OpenNamespacePolicy(string ns, Pod target, int k)
    {
        var app = target.Labels.Items["app"];
        var instance = target.Labels.Items["app.kubernetes.io/instance"];
        var rule = k % 2 == 0
            ? Rule(PolicyDirection.Ingress, [Peer(Selector(("tier", "api")), null)], target.Ports.Select(p => Named(p.Name!)).ToArray())
            : Rule(PolicyDirection.Ingress, [Block(OfficeCidr(k), k), Peer(Selector(("tier", "web")), null)], Port("TCP", 8080));
        return new NetworkPolicy(ns, $"protect-{instance}-{k}", Selector(("app", app), ("app.kubernetes.io/instance", instance)))
        {
            PolicyTypes = [PolicyDirection.Ingress],
            Ingress = [rule],
        };
    }

    private static NetworkPolicy AppPolicy(string ns, Pod target, Pod[] workloads, int k, Random random)
    {
        var instance = target.Labels.Items["app.kubernetes.io/instance"];
        var caller = workloads[random.Next(workloads.Length)].Labels.Items["app"];
        var selector = Selector(("app.kubernetes.io/instance", instance));
        var name = $"allow-{instance}-{k}";
        var remoteTeam = $"team-{random.Next(Teams)}";
        var app = Selector(("app", target.Labels.Items["app"]));
        var tier = Selector(("tier", target.Labels.Items["tier"]));
        return (k % 10) switch
        {
            0 or 1 => Ingress(ns, name, selector, Rule(PolicyDirection.Ingress, [Peer(Selector(("app", caller)), null)], Named("http"), Named("grpc"))),
            2 => Ingress(ns, name, tier, Rule(PolicyDirection.Ingress, [Peer(Selector(("tier", "web")), null)], Port("TCP", 8080))),
            3 => Ingress(ns, name, selector, Rule(PolicyDirection.Ingress, [Peer(Selector(("tier", "web")), null)], Port("TCP", 8080))),
            4 => Ingress(ns, name, app, Rule(PolicyDirection.Ingress, [Peer(Selector(("app", caller)), Selector(("team", remoteTeam)))], Named("http"))),
            5 => Ingress(ns, name, tier, Rule(PolicyDirection.Ingress, [Peer(null, Selector(("team", remoteTeam)))], Named("metrics"), Named("grpc"))),
            6 => Ingress(ns, name, selector, Rule(PolicyDirection.Ingress, [Peer(null, Selector(("env", "prod")))], Range(8000, 8100))),
            7 => Ingress(ns, name, selector, Rule(PolicyDirection.Ingress, [Block(OfficeCidr(k / 10), k), Block(OfficeCidr(k + 7), k + 1)], Port("TCP", 8080), Port("TCP", 443))),
            8 => new NetworkPolicy(ns, name, selector)
            {
                PolicyTypes = [PolicyDirection.Egress],
                Egress =
                [
                    Rule(PolicyDirection.Egress, [Block(PartnerCidr(k + random.Next(64)), k)], Port("TCP", 443)),
                    Rule(PolicyDirection.Egress, [Peer(Selector(("tier", "db")), null)], Named("postgres"), Named("redis"), Named("kafka")),
                    Rule(PolicyDirection.Egress, [Peer(Selector(("k8s-app", "kube-dns")), Selector((NamespaceInfo.NameLabel, "kube-system")))], Port("UDP", 53)),
                ],
            },
            _ => Ingress(ns, name, selector, Rule(PolicyDirection.Ingress, [Peer(Selector(("app", "gateway")), LabelSelector.Everything)], Named("http"))),
        };
    }

    private static NetworkPolicy Ingress(string ns, string name, LabelSelector selector, PolicyRule rule) =>
        new(ns, name, selector) { PolicyTypes = [PolicyDirection.Ingress], Ingress = [rule] };

    private static string OfficeCidr(int k) => $"198.51.{k % 40}.0/24";

    private static string PartnerCidr(int k) => $"203.0.{k % 160}.0/24";

    private static IpBlockPeer Block(string cidr, int k)
    {
        var prefix = cidr[..cidr.LastIndexOf('.')];
        return IpBlockPeer.Create(cidr, [$"{prefix}.{k % 8 * 32}/28"], "g");
    }

    private static SelectorPeer Peer(LabelSelector? pods, LabelSelector? namespaces) => new(pods, namespaces);

    private static PolicyRule Rule(PolicyDirection direction, PolicyPeer[] peers, params PolicyPort[] ports) => new(direction, 0, peers, ports);

    private static PolicyPort Port(string protocol, int port) => PolicyPort.Create(protocol, port, null, null, "g");

    private static PolicyPort Range(int port, int endPort) => PolicyPort.Create("TCP", port, null, endPort, "g");

    private static PolicyPort Named(string name) => PolicyPort.Create("TCP", null, name, null, "g");

    private static LabelSelector Selector(params (string Key, string Value)[] labels) =>
        new(labels.Select(l => new KeyValuePair<string, string>(l.Key, l.Value)).ToArray(), []);

    /// <summary>The cluster with <paramref name="count"/> app policies removed from the middle: the new version of a diff.</summary>
    public static NetworkSnapshot WithoutPolicies(NetworkSnapshot cluster, int count)
    {
        var removable = cluster.NetworkPolicies.Where(p => p.Name.StartsWith("allow-", StringComparison.Ordinal) && p.Name != "allow-dns" && p.Name != "allow-monitoring").ToArray();
        var removed = Enumerable.Range(0, count).Select(i => removable[(int)((long)(2 * i + 1) * removable.Length / (2 * count))]).ToHashSet();
        return new NetworkSnapshot(cluster.Namespaces.Values, cluster.Pods, cluster.NetworkPolicies.Where(p => !removed.Contains(p)));
    }
}
