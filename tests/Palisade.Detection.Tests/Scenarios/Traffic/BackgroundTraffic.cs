using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>
/// The benign traffic under every scenario: the shop's tiers on their ports through their Services, DNS
/// through kube-dns (with replies), kubelet probes, Prometheus scrapes, Grafana queries, CoreDNS watching the
/// API server, and the two internet services the shop and the batch job use. Some of it raises alerts by the
/// contract's definitions (Prometheus scraping kubelets, CoreDNS reaching the API server, the internet
/// egress), and the oracle labels those like any other. The same edges occur every day, only the timing
/// varies, so a baseline learned on one day covers the next.
/// </summary>
public static class BackgroundTraffic
{
    public const string PaymentProvider = "198.51.100.7";
    public const string ObjectStore = "52.216.8.10";
    public const string VpcResolver = "10.0.0.2";

    public static void Add(TrafficBuilder b, DateTimeOffset start, int seconds = 600)
    {
        var c = b.Cluster;
        var end = start.AddSeconds(seconds);

        void Every(int period, Action<DateTimeOffset> action)
        {
            for (var t = b.Jitter(start, period); t < end; t = t.AddSeconds(period).AddMilliseconds(b.Random.Next(-1500, 1500)))
            {
                if (t >= start)
                    action(t);
            }
        }

        void Call(string clientNs, string client, string ns, string service, int port, int period, Func<L7Record?>? l7 = null)
        {
            var svc = c.Service(ns, service);
            var first = true;
            Every(period, t =>
            {
                var pod = b.AnyPod(c.Workload(clientNs, client));
                // The first call always resolves the name, so every client-to-DNS edge occurs every day.
                if (first || b.Random.Next(4) == 0)
                    b.Dns(t.AddMilliseconds(-3), pod, $"{service}.{ns}.svc.cluster.local.");
                first = false;
                b.ViaService(t, new PodPeer(pod), svc, port, l7: l7?.Invoke(), note: "background");
            });
        }

        string[] pages = ["/", "/product/OLJCESPC7Z", "/product/66VCHSJNUP", "/cart", "/product/1YMWWN1N4O"];
        Call("shop", "loadgenerator", "shop", "frontend", 80, 20, () => new HttpRequest("GET", "http://frontend.shop" + b.Pick(pages),
            [("Host", "frontend.shop"), ("User-Agent", "python-requests/2.31.0"), ("Accept", "*/*")]));
        Call("shop", "frontend", "shop", "productcatalogservice", 3550, 30);
        Call("shop", "frontend", "shop", "currencyservice", 7000, 40);
        Call("shop", "frontend", "shop", "cartservice", 7070, 40);
        Call("shop", "frontend", "shop", "recommendationservice", 8080, 60);
        Call("shop", "frontend", "shop", "adservice", 9555, 60);
        Call("shop", "frontend", "shop", "checkoutservice", 5050, 90);
        Call("shop", "frontend", "shop", "shippingservice", 50051, 90);
        foreach (var (service, port) in new[] { ("cartservice", 7070), ("productcatalogservice", 3550), ("currencyservice", 7000), ("shippingservice", 50051), ("emailservice", 5000), ("paymentservice", 50051) })
            Call("shop", "checkoutservice", "shop", service, port, 90);
        Call("shop", "recommendationservice", "shop", "productcatalogservice", 3550, 45);
        Call("shop", "cartservice", "data", "redis-cart", 6379, 30);
        Call("shop", "productcatalogservice", "data", "postgres", 5432, 45);
        Call("shop", "paymentservice", "payments", "payment-gateway", 80, 90, () => new HttpRequest("POST", "http://payment-gateway.payments/v1/charges",
            [("Host", "payment-gateway.payments"), ("Content-Type", "application/json"), ("User-Agent", "paymentservice/1.4.2")], 201));
        Call("payments", "payment-gateway", "payments", "fraud-check", 8080, 90, () => new HttpRequest("POST", "http://fraud-check.payments:8080/v1/score",
            [("Host", "fraud-check.payments:8080"), ("Content-Type", "application/json")]));
        Call("monitoring", "grafana", "monitoring", "prometheus", 9090, 45, () => new HttpRequest("GET", "http://prometheus.monitoring:9090/api/v1/query_range?query=up",
            [("Host", "prometheus.monitoring:9090"), ("User-Agent", "Grafana/11.1.0")]));

        AddScrapes(b, start, seconds);
        AddProbes(b, start, seconds);
        AddPlatform(b, start, seconds);
        AddEgress(b, start, seconds);
    }

    /// <summary>
    /// Prometheus scrapes every shop pod on 9464 within a few seconds: 24 addresses but only 10 workloads,
    /// so one port on many destinations stays below the scan threshold when destinations are workloads.
    /// </summary>
    private static void AddScrapes(TrafficBuilder b, DateTimeOffset start, int seconds)
    {
        var c = b.Cluster;
        var prometheus = new PodPeer(c.Workload("monitoring", "prometheus").Pod);
        var targets = c.Pods.Where(p => p.Namespace == "shop" && p.Workload.Listens(9464, "TCP")).ToList();
        for (var round = b.Jitter(start.AddSeconds(20), 10); round < start.AddSeconds(seconds); round = round.AddSeconds(120))
        {
            foreach (var pod in targets)
                b.Direct(b.Jitter(round, 15), prometheus, new PodPeer(pod), 9464,
                    l7: new HttpRequest("GET", $"http://{pod.Ip}:9464/metrics", [("Accept", "text/plain;version=0.0.4"), ("User-Agent", "Prometheus/2.53.0")]), note: "scrape");
            foreach (var pod in c.Workload("data", "postgres").Pods)
                b.Direct(b.Jitter(round, 15), prometheus, new PodPeer(pod), 9187, note: "scrape");
            foreach (var node in c.Nodes)
            {
                // Node exporter (9100) is nothing; the kubelet (10250) is control-plane access by definition.
                b.Direct(b.Jitter(round, 15), prometheus, new NodePeer(node), 9100, note: "scrape node-exporter");
                b.Direct(b.Jitter(round, 15), prometheus, new NodePeer(node), 10250, note: "scrape kubelet cadvisor");
            }
        }
    }

    /// <summary>Kubelet readiness probes: each node to its own pods' serving ports.</summary>
    private static void AddProbes(TrafficBuilder b, DateTimeOffset start, int seconds)
    {
        foreach (var pod in b.Cluster.Pods.Where(p => p.Workload.Ports.Any(x => x.Protocol == "TCP")))
        {
            var port = pod.Workload.Ports.First(x => x.Protocol == "TCP");
            for (var t = b.Jitter(start, 240); t < start.AddSeconds(seconds); t = t.AddSeconds(240))
                b.Direct(t, new NodePeer(pod.Node), new PodPeer(pod), port.Port, note: "probe");
        }
    }

    /// <summary>Control-plane chatter: kubelets to the API server (nodes: nothing), CoreDNS watching it (a pod: an alert), upstream DNS.</summary>
    private static void AddPlatform(TrafficBuilder b, DateTimeOffset start, int seconds)
    {
        var c = b.Cluster;
        var api = new NodePeer(c.ControlPlane);
        for (var t = b.Jitter(start, 60); t < start.AddSeconds(seconds); t = t.AddSeconds(60))
        {
            foreach (var node in c.Nodes.Where(n => !n.ControlPlane))
                b.Direct(b.Jitter(t, 5), new NodePeer(node), api, ClusterSpec.ApiServerPort, note: "kubelet to API server");
        }
        foreach (var pod in c.Workload("kube-system", "coredns").Pods)
        {
            for (var t = b.Jitter(start, 120); t < start.AddSeconds(seconds); t = t.AddSeconds(120))
                b.Direct(t, new PodPeer(pod), new PodlessServicePeer(c.KubernetesService), 443, note: "coredns watches the API server");
            for (var t = b.Jitter(start, 60); t < start.AddSeconds(seconds); t = t.AddSeconds(60))
                b.Direct(t, new PodPeer(pod), new ExternalPeer(VpcResolver), 53, "UDP", note: "coredns upstream (private, outside the cluster)");
        }
    }

    private static void AddEgress(TrafficBuilder b, DateTimeOffset start, int seconds)
    {
        var c = b.Cluster;
        for (var t = b.Jitter(start, 120); t < start.AddSeconds(seconds); t = t.AddSeconds(120))
            b.Direct(t, new PodPeer(b.AnyPod(c.Workload("shop", "checkoutservice"))), new ExternalPeer(PaymentProvider), 443, note: "payment provider");
        var worker = c.Workload("batch", "report-worker").Pod;
        for (var t = b.Jitter(start, 90); t < start.AddSeconds(seconds); t = t.AddSeconds(90))
        {
            // The search path tries the cluster suffixes first: four distinct names per upload, far from any threshold.
            foreach (var (suffix, i) in new[] { "batch.svc.cluster.local.", "svc.cluster.local.", "cluster.local.", "" }.Select((s, i) => (s, i)))
                b.Dns(t.AddMilliseconds(i * 2), worker, "reports.s3.amazonaws.com." + suffix, suffix.Length > 0 ? 3 : 0);
            b.Direct(t.AddMilliseconds(20), new PodPeer(worker), new ExternalPeer(ObjectStore), 443, note: "object store upload");
        }
    }
}
