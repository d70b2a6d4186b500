using System.Net;
using System.Text;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Benchmarks;

/// <summary>
/// A seeded synthetic cluster of realistic shape: namespaces by team, deployments with replicas (real pods
/// with IPs), per namespace a default deny, DNS egress and per-app allow rules with same-namespace and
/// cross-namespace peers, named ports and port ranges, some ipBlock egress and a few broad rules.
/// </summary>
public static class SyntheticCluster
{
    private const int PodsPerNamespace = 100;

    /// <summary>Generates the cluster; the same size and seed give the same cluster.</summary>
    public static NetworkSnapshot Generate(ClusterSize size, int seed = 42)
    {
        var random = new Random(seed);
        var namespaceCount = Math.Max(5, size.Pods / PodsPerNamespace);
        var namespaces = Enumerable.Range(0, namespaceCount)
            .Select(i => new NamespaceInfo(Namespace(i), LabelSet.From([new("team", $"team-{i % 25}"), new("env", i % 3 == 0 ? "prod" : "dev")])))
            .Append(new NamespaceInfo("kube-system", LabelSet.Empty))
            .ToArray();
        var pods = new List<Pod>(size.Pods);
        var apps = new List<(int Namespace, string App)>();
        var podIndex = 0;
        for (var ns = 0; ns < namespaceCount && podIndex < size.Pods; ns++)
        {
            for (var app = 0; podIndex < Math.Min(size.Pods, (ns + 1) * PodsPerNamespace); app++)
            {
                var name = $"app-{app}";
                apps.Add((ns, name));
                var labels = LabelSet.From([new("app", name), new("tier", (app % 3) switch { 0 => "web", 1 => "api", _ => "db" }), new("team", $"team-{ns % 25}")]);
                var replicas = 1 + random.Next(5);
                for (var r = 0; r < replicas && podIndex < size.Pods; r++, podIndex++)
                {
                    pods.Add(new Pod(Namespace(ns), $"{name}-{r}", labels, new WorkloadRef(Namespace(ns), name, "Deployment"))
                    {
                        Ports = [new("http", 8080, Protocol.Tcp), new("metrics", 9090, Protocol.Tcp), new("grpc", 50051, Protocol.Tcp)],
                        Addresses = [new IPAddress([10, (byte)(podIndex >> 16), (byte)(podIndex >> 8), (byte)podIndex])],
                    });
                }
            }
        }
        pods.Add(new Pod("kube-system", "coredns-0", LabelSet.From([new("k8s-app", "kube-dns")]), new WorkloadRef("kube-system", "coredns", "Deployment"))
        {
            Ports = [new("dns", 53, Protocol.Udp), new("dns-tcp", 53, Protocol.Tcp)],
        });
        return new NetworkSnapshot(namespaces, pods, Policies(size, namespaceCount, apps, random));
    }

    private static string Namespace(int index) => $"team-ns-{index}";

    private static List<NetworkPolicy> Policies(ClusterSize size, int namespaceCount, List<(int Namespace, string App)> apps, Random random)
    {
        var policies = new List<NetworkPolicy>(size.Policies);
        var perNamespace = Math.Max(3, size.Policies / namespaceCount);
        var dns = new SelectorPeer(Selector(("k8s-app", "kube-dns")), Selector(("kubernetes.io/metadata.name", "kube-system")));
        for (var ns = 0; ns < namespaceCount && policies.Count < size.Policies; ns++)
        {
            var name = Namespace(ns);
            policies.Add(new NetworkPolicy(name, "default-deny", LabelSelector.Everything) { PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress] });
            policies.Add(new NetworkPolicy(name, "allow-dns", LabelSelector.Everything)
            {
                PolicyTypes = [PolicyDirection.Egress],
                Egress = [Rule(PolicyDirection.Egress, 0, [dns], Port("UDP", 53), Port("TCP", 53))],
            });
            var local = apps.Where(a => a.Namespace == ns).Select(a => a.App).ToArray();
            for (var i = 2; i < perNamespace && policies.Count < size.Policies; i++)
                policies.Add(AppPolicy(name, i, local, apps, random));
        }
        return policies;
    }

    private static NetworkPolicy AppPolicy(string ns, int index, string[] local, List<(int Namespace, string App)> apps, Random random)
    {
        var target = local[random.Next(local.Length)];
        var sameNamespace = new SelectorPeer(Selector(("app", local[random.Next(local.Length)])), null);
        var remote = apps[random.Next(apps.Count)];
        var crossNamespace = new SelectorPeer(Selector(("app", remote.App)), Selector(("kubernetes.io/metadata.name", Namespace(remote.Namespace))));
        var broad = new SelectorPeer(null, Selector(("env", "prod")));
        PolicyPeer[] from = (index % 20) switch
        {
            0 => [broad],
            1 or 2 or 3 => [sameNamespace, crossNamespace],
            _ => [sameNamespace],
        };
        var ports = index % 7 == 0 ? new[] { PolicyPort.Create("TCP", 8000, null, 8100, "g") } : [PolicyPort.Create("TCP", null, "http", null, "g")];
        var egress = index % 10 == 0
            ? [Rule(PolicyDirection.Egress, 0, [IpBlockPeer.Create($"203.0.{index % 250}.0/24", [$"203.0.{index % 250}.128/25"], "g")], Port("TCP", 443))]
            : Array.Empty<PolicyRule>();
        return new NetworkPolicy(ns, $"allow-{target}-{index}", Selector(("app", target)))
        {
            PolicyTypes = egress.Length > 0 ? [PolicyDirection.Ingress, PolicyDirection.Egress] : [PolicyDirection.Ingress],
            Ingress = [Rule(PolicyDirection.Ingress, 0, from, ports)],
            Egress = egress,
        };
    }

    private static PolicyRule Rule(PolicyDirection direction, int index, PolicyPeer[] peers, params PolicyPort[] ports) => new(direction, index, peers, ports);

    private static PolicyPort Port(string protocol, int port) => PolicyPort.Create(protocol, port, null, null, "g");

    private static LabelSelector Selector(params (string Key, string Value)[] labels) =>
        new(labels.Select(l => new KeyValuePair<string, string>(l.Key, l.Value)).ToArray(), []);

    /// <summary>
    /// The cluster as a kubectl-style dump (Namespaces, ReplicaSets owned by their Deployments, Pods owned by
    /// the ReplicaSets, NetworkPolicies), for loading and end-to-end benchmarks.
    /// </summary>
    public static string ToYaml(NetworkSnapshot cluster)
    {
        var yaml = new StringBuilder();
        foreach (var ns in cluster.Namespaces.Values)
            yaml.Append($"---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns.Name}\n  labels:\n{Labels(ns.Labels, "    ")}");
        foreach (var owner in cluster.Pods.Select(p => p.Owner).Distinct())
        {
            yaml.Append($"---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: {owner.Name}-rs\n  namespace: {owner.Namespace}\n");
            yaml.Append($"  ownerReferences: [{{apiVersion: apps/v1, kind: {owner.Kind}, name: {owner.Name}, controller: true, uid: {owner.Namespace}-{owner.Name}}}]\n");
        }
        foreach (var pod in cluster.Pods)
        {
            yaml.Append($"---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {pod.Name}\n  namespace: {pod.Namespace}\n  labels:\n{Labels(pod.Labels, "    ")}");
            yaml.Append($"  ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: {pod.Owner.Name}-rs, controller: true, uid: {pod.Namespace}-{pod.Name}}}]\n");
            yaml.Append("spec:\n  containers:\n  - name: main\n    ports:\n");
            foreach (var port in pod.Ports)
                yaml.Append($"    - {{name: {port.Name}, containerPort: {port.Port}, protocol: {port.Protocol.Name()}}}\n");
            if (pod.Addresses.Count > 0)
                yaml.Append($"status:\n  podIP: {pod.Addresses[0]}\n");
        }
        foreach (var policy in cluster.NetworkPolicies)
            yaml.Append(PolicyYaml(policy));
        return yaml.ToString();
    }

    private static string Labels(LabelSet labels, string indent) =>
        string.Concat(labels.Items.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{indent}{l.Key}: \"{l.Value}\"\n"));

    private static string PolicyYaml(NetworkPolicy policy)
    {
        var yaml = new StringBuilder($"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {policy.Name}\n  namespace: {policy.Namespace}\nspec:\n");
        yaml.Append($"  podSelector: {SelectorYaml(policy.PodSelector)}\n");
        if (policy.PolicyTypes is { } types)
            yaml.Append($"  policyTypes: [{string.Join(", ", types)}]\n");
        foreach (var (rules, word, peers) in new[] { (policy.Ingress, "ingress", "from"), (policy.Egress, "egress", "to") })
        {
            if (rules.Count == 0)
                continue;
            yaml.Append($"  {word}:\n");
            foreach (var rule in rules)
            {
                yaml.Append($"  - {peers}: [{string.Join(", ", rule.Peers.Select(PeerYaml))}]\n");
                yaml.Append($"    ports: [{string.Join(", ", rule.Ports.Select(PortYaml))}]\n");
            }
        }
        return yaml.ToString();
    }

    private static string PeerYaml(PolicyPeer peer) => peer switch
    {
        IpBlockPeer b => $"{{ipBlock: {{cidr: {b.Cidr}, except: [{string.Join(", ", b.Except)}]}}}}",
        SelectorPeer s => "{" + string.Join(", ", new[] { s.PodSelector is { } p ? $"podSelector: {SelectorYaml(p)}" : null, s.NamespaceSelector is { } n ? $"namespaceSelector: {SelectorYaml(n)}" : null }.Where(x => x is not null)) + "}",
        _ => "{}",
    };

    private static string PortYaml(PolicyPort port) =>
        $"{{protocol: {port.Protocol.Name()}{(port.Name ?? port.Number?.ToString()) switch { null => "", var p => $", port: {p}" }}{(port.EndPort is { } e ? $", endPort: {e}" : "")}}}";

    private static string SelectorYaml(LabelSelector selector) =>
        selector.IsEmpty ? "{}" : "{matchLabels: {" + string.Join(", ", selector.MatchLabels.Select(l => $"\"{l.Key}\": \"{l.Value}\"")) + "}}";
}
