namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// Builds the cluster every scenario runs on: a kubeadm-style cluster (one control-plane node, three
/// workers) running an online-boutique-like shop, its data tier, monitoring, a payments namespace, a dev
/// namespace (where the compromised pods live) and a batch job. Names and Service addresses come from a
/// seeded generator, so the same seed gives the same cluster byte for byte.
/// </summary>
public static class ClusterFactory
{
    /// <summary>The Service network (kube-apiserver --service-cluster-ip-range).</summary>
    public const string ServiceCidr = "10.96.0.0/12";

    /// <summary>The node subnet; policies admit it for kubelet probes.</summary>
    public const string NodeSubnet = "10.0.1.0/24";

    private const string Hash = "bcdfghjklmnpqrstvwxz2456789";

    public static ClusterSpec Create(int seed)
    {
        var random = ScenarioSeed.Random(seed);
        var cluster = new ClusterSpec { CreatedAt = new DateTimeOffset(2025, 5, 28, 9, 12, 0, TimeSpan.Zero) };
        AddNamespaces(cluster);
        cluster.Nodes.AddRange(
        [
            new ClusterNode("cp-1", "10.0.1.10", "10.244.0.0/24", ControlPlane: true),
            new ClusterNode("worker-1", "10.0.1.11", "10.244.1.0/24", ControlPlane: false),
            new ClusterNode("worker-2", "10.0.1.12", "10.244.2.0/24", ControlPlane: false),
            new ClusterNode("worker-3", "10.0.1.13", "10.244.3.0/24", ControlPlane: false),
        ]);
        AddWorkloads(cluster);
        Schedule(cluster, random);
        AddServices(cluster, random);
        cluster.Policies.AddRange(PolicyCatalog.Base());
        return cluster;
    }

    private static void AddNamespaces(ClusterSpec cluster)
    {
        void Add(string name, params (string Key, string Value)[] labels) =>
            cluster.Namespaces.Add((name, new Dictionary<string, string>(labels.Select(l => KeyValuePair.Create(l.Key, l.Value)))
            {
                ["kubernetes.io/metadata.name"] = name,
            }));
        Add("default");
        Add("kube-system");
        Add("shop", ("team", "shop"), ("env", "prod"));
        Add("data", ("team", "data"), ("env", "prod"));
        Add("monitoring", ("team", "platform"));
        Add("payments", ("team", "payments"), ("env", "prod"), ("istio-injection", "enabled"));
        Add("dev", ("team", "dev"), ("env", "dev"));
        Add("batch", ("team", "data"), ("env", "prod"));
    }

    private static void AddWorkloads(ClusterSpec cluster)
    {
        var metrics = new ContainerPortSpec("metrics", 9464);
        void Add(string ns, string name, int replicas, IReadOnlyList<ContainerPortSpec> ports, string kind = "Deployment", string labelKey = "app") =>
            cluster.Workloads.Add(new ClusterWorkload(ns, name, kind, new Dictionary<string, string> { [labelKey] = name }, ports, replicas));

        cluster.Workloads.Add(new ClusterWorkload("kube-system", "coredns", "Deployment",
            new Dictionary<string, string> { ["k8s-app"] = "kube-dns" },
            [new("dns", 53, "UDP"), new("dns-tcp", 53, "TCP"), new("metrics", 9153)], 2));
        Add("shop", "frontend", 3, [new("http", 8080), metrics]);
        Add("shop", "cartservice", 3, [new("grpc", 7070), metrics]);
        Add("shop", "productcatalogservice", 3, [new("grpc", 3550), metrics]);
        Add("shop", "currencyservice", 3, [new("grpc", 7000), metrics]);
        Add("shop", "recommendationservice", 2, [new("grpc", 8080), metrics]);
        Add("shop", "checkoutservice", 2, [new("grpc", 5050), metrics]);
        Add("shop", "paymentservice", 2, [new("grpc", 50051), metrics]);
        Add("shop", "shippingservice", 2, [new("grpc", 50051), metrics]);
        Add("shop", "emailservice", 2, [new("grpc", 8080), metrics]);
        Add("shop", "adservice", 2, [new("grpc", 9555), metrics]);
        Add("shop", "loadgenerator", 1, []);
        Add("data", "postgres", 2, [new("postgres", 5432), new("metrics", 9187)], kind: "StatefulSet");
        Add("data", "redis-cart", 1, [new("redis", 6379)]);
        Add("monitoring", "prometheus", 1, [new("web", 9090)]);
        Add("monitoring", "grafana", 1, [new("http", 3000)]);
        Add("payments", "payment-gateway", 2, [new("http", 8080)]);
        Add("payments", "fraud-check", 1, [new("http", 8080)]);
        Add("dev", "toolbox", 1, []);
        Add("dev", "scratch", 1, []);
        Add("batch", "report-worker", 1, []);
    }

    /// <summary>Names the pods (Deployment pods as name-hash-suffix, StatefulSet pods as name-N) and places them.</summary>
    private static void Schedule(ClusterSpec cluster, Random random)
    {
        var workers = cluster.Nodes.Where(n => !n.ControlPlane).ToArray();
        var nextHost = cluster.Nodes.ToDictionary(n => n.Name, _ => 4);
        var turn = 0;
        foreach (var workload in cluster.Workloads)
        {
            if (workload.Kind == "Deployment")
                workload.ReplicaSetName = $"{workload.Name}-{Token(random, 10)}";
            for (var i = 0; i < workload.Replicas; i++)
            {
                // CoreDNS runs on the control plane and the first worker, as kubeadm places it.
                var node = workload.Name == "coredns" ? cluster.Nodes[i] : workers[turn++ % workers.Length];
                nextHost[node.Name] += 1 + random.Next(3);
                var prefix = node.PodCidr[..node.PodCidr.LastIndexOf('.')];
                var name = workload.Kind == "StatefulSet" ? $"{workload.Name}-{i}" : $"{workload.ReplicaSetName}-{Token(random, 5)}";
                workload.Pods.Add(new ClusterPod(workload, name, node, $"{prefix}.{nextHost[node.Name]}", Uid(random)));
            }
        }
    }

    private static void AddServices(ClusterSpec cluster, Random random)
    {
        var used = new HashSet<string> { "10.96.0.1", "10.96.0.10" };
        string NextIp()
        {
            while (true)
            {
                var ip = $"10.96.{16 + random.Next(200)}.{2 + random.Next(250)}";
                if (used.Add(ip))
                    return ip;
            }
        }
        void Add(string ns, string name, params ServicePortSpec[] ports) =>
            cluster.Services.Add(new ClusterService(ns, name, NextIp(), cluster.Workload(ns, name), ports));

        cluster.Services.Add(new ClusterService("default", "kubernetes", "10.96.0.1", null, [new("https", 443, ClusterSpec.ApiServerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        cluster.Services.Add(new ClusterService("kube-system", "kube-dns", "10.96.0.10", cluster.Workload("kube-system", "coredns"),
            [new("dns", 53, "53", "UDP"), new("dns-tcp", 53, "53", "TCP"), new("metrics", 9153, "9153")]));
        Add("shop", "frontend", new ServicePortSpec("http", 80, "8080"));
        Add("shop", "cartservice", new ServicePortSpec("grpc", 7070, "7070"));
        Add("shop", "productcatalogservice", new ServicePortSpec("grpc", 3550, "3550"));
        Add("shop", "currencyservice", new ServicePortSpec("grpc", 7000, "7000"));
        Add("shop", "recommendationservice", new ServicePortSpec("grpc", 8080, "8080"));
        Add("shop", "checkoutservice", new ServicePortSpec("grpc", 5050, "5050"));
        Add("shop", "paymentservice", new ServicePortSpec("grpc", 50051, "50051"));
        Add("shop", "shippingservice", new ServicePortSpec("grpc", 50051, "50051"));
        // Port 5000 reaches the container port named "grpc" (8080): a named targetPort that differs from the port.
        Add("shop", "emailservice", new ServicePortSpec("grpc", 5000, "grpc"));
        Add("shop", "adservice", new ServicePortSpec("grpc", 9555, "9555"));
        Add("data", "postgres", new ServicePortSpec("postgres", 5432, "5432"));
        Add("data", "redis-cart", new ServicePortSpec("redis", 6379, "6379"));
        Add("monitoring", "prometheus", new ServicePortSpec("web", 9090, "9090"));
        Add("monitoring", "grafana", new ServicePortSpec("http", 80, "3000"));
        Add("payments", "payment-gateway", new ServicePortSpec("http", 80, "8080"));
        Add("payments", "fraud-check", new ServicePortSpec("http", 8080, "8080"));
    }

    private static string Token(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Hash[random.Next(Hash.Length)])]);

    private static string Uid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
