using Palisade.Connectivity;
using Palisade.Model;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>Reading a cluster through the fake API server: every kind, paging, namespaces, custom kinds, parallel lists.</summary>
public sealed class LiveSourceTests
{
    private const string Shop = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: web}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: data}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-shop, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}], ports: [{port: 5432}]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cluster_read_live_has_the_connectivity_of_its_manifests()
    {
        await using var fake = await FakeCluster.StartAsync(Shop);

        var (live, _) = fake.Read(fake.Request());

        var fromFile = ManifestSource.LoadText("shop.yaml", Shop).Cluster;
        Assert.Equal(Lines(fromFile), Lines(live));
        Assert.Equal(Keys(fromFile), Keys(live));
    }

    [Fact]
    public async Task Lists_are_read_in_pages_of_the_size_asked()
    {
        await using var fake = await FakeCluster.StartAsync(string.Join("---\n", Enumerable.Range(0, 7).Select(i => $"""
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: p{i}, namespace: shop, labels: {"{"}app: a{i}{"}"}{"}"}

            """)));

        var (cluster, _) = fake.Read(fake.Request() with { PageSize = 3 });

        Assert.Equal(7, cluster.Network.Pods.Count);
        var pages = fake.Lists(FakeResources.Pods);
        Assert.Equal([3, 3, 3], pages.Select(p => p.Limit ?? 0));
        Assert.Equal([false, true, true], pages.Select(p => p.Continue is not null));
    }

    [Fact]
    public async Task Namespaced_kinds_are_read_only_in_the_namespaces_asked_and_cluster_scoped_ones_whole()
    {
        await using var fake = await FakeCluster.StartAsync(Shop);

        var (cluster, _) = fake.Read(fake.Request() with { Namespaces = ["data", "data"] });

        Assert.Equal(["db-from-shop"], cluster.Network.NetworkPolicies.Select(p => p.Name));
        Assert.Equal(["data/db[StatefulSet]"], cluster.Network.Pods.Select(p => $"{p.Owner.Namespace}/{p.Owner.Name}[{p.Owner.Kind}]"));
        Assert.Equal(["data", "shop"], cluster.Network.Namespaces.Keys.Order());
        Assert.All(fake.Lists(FakeResources.Pods), r => Assert.Equal("data", r.Namespace));
        Assert.Single(fake.Lists(FakeResources.Pods));
    }

    [Fact]
    public async Task A_namespace_that_is_not_a_name_is_bad_input()
    {
        await using var fake = await FakeCluster.StartAsync();

        var error = fake.Error(fake.Request() with { Namespaces = ["Shop_1"] });

        Assert.Equal("--namespace: \"Shop_1\" is not a namespace name (lower-case letters, digits and '-', at most 63)", error.Message);
    }

    [Fact]
    public async Task Custom_kinds_are_read_only_when_their_API_is_served()
    {
        await using var fake = await FakeCluster.StartAsync(Shop);

        fake.Read(fake.Request());
        Assert.DoesNotContain(fake.Api.Requests, r => r.Path.Contains("adminnetworkpolicies", StringComparison.Ordinal) || r.Path.Contains("istio", StringComparison.Ordinal));

        fake.Api.AddManifests("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: deny-data}
            spec:
              priority: 10
              subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: data}}}
              ingress: [{action: Deny, from: [{namespaces: {}}]}]
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            """);
        var (cluster, _) = fake.Read(fake.Request());

        Assert.Equal(["deny-data"], cluster.Network.AdminPolicies.Select(p => p.Name));
        Assert.Equal(["default"], cluster.Mesh.PeerAuthentications.Select(p => p.Name));
        Assert.Single(fake.Lists(FakeResources.AdminNetworkPolicies));
    }

    [Fact]
    public async Task A_kind_is_read_from_the_first_of_its_groups_the_server_has()
    {
        await using var fake = await FakeCluster.StartAsync();
        fake.Api.Serve(new FakeResource("extensions", "v1beta1", "ingresses", "Ingress", true));

        fake.Read(fake.Request());

        Assert.Single(fake.Lists(FakeResources.Ingresses));
        Assert.DoesNotContain(fake.Api.Requests, r => r.Path.StartsWith("/apis/extensions/v1beta1/ingresses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kind_is_read_at_whatever_version_the_server_serves_it()
    {
        await using var fake = await FakeCluster.StartAsync();
        var beta = new FakeResource("batch", "v1beta1", "cronjobs", "CronJob", true);
        fake.Api.Serve(beta);
        fake.Api.Add(System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion": "batch/v1beta1", "kind": "CronJob", "metadata": {"name": "nightly", "namespace": "ops"},
             "spec": {"schedule": "0 0 * * *", "jobTemplate": {"spec": {"template": {"metadata": {"labels": {"app": "nightly"}}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}}}
            """)!.AsObject());

        var (cluster, _) = fake.Read(fake.Request());

        Assert.Equal(["ops/nightly[CronJob]"], cluster.Network.Pods.Select(p => $"{p.Owner.Namespace}/{p.Owner.Name}[{p.Owner.Kind}]"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Kinds_are_listed_as_many_at_a_time_as_asked(int parallelism)
    {
        await using var fake = await FakeCluster.StartAsync(Shop);
        var startedTogether = HeldAtOnce(fake.Api);

        fake.Read(fake.Request() with { Parallelism = parallelism });

        Assert.Equal(parallelism, startedTogether());
    }

    [Fact]
    public async Task Every_page_is_reported_as_progress()
    {
        await using var fake = await FakeCluster.StartAsync(Shop);
        var reports = new List<Kubernetes.Live.ReadProgress>();
        var progress = new Collect(reports);

        fake.Read(fake.Request() with { Progress = progress, Parallelism = 1 });

        Assert.Contains(reports, r => r is { Resource: "deployments.apps", Objects: 1 });
        Assert.Single(reports.Select(r => r.KindsTotal).Distinct());
        Assert.Equal(Enumerable.Range(0, reports.Count), reports.Select(r => r.KindsDone));
    }

    /// <summary>
    /// Holds the first five lists for a second each and counts the lists that arrive within the first 0.9 s: those
    /// that started together before any could finish.
    /// </summary>
    private static Func<int> HeldAtOnce(FakeApiServer api)
    {
        var arrivals = new List<DateTime>();
        api.Inject(FakeFault.Slow(TimeSpan.FromSeconds(1)), r =>
        {
            if (r.Verb == "list")
            {
                lock (arrivals)
                    arrivals.Add(DateTime.UtcNow);
            }
            return r.Verb == "list";
        }, times: 5);
        return () =>
        {
            lock (arrivals)
                return arrivals.Count(a => a < arrivals[0].AddSeconds(0.9));
        };
    }

    private static List<string> Lines(Cluster cluster)
    {
        var report = ConnectivityUseCase.Run(cluster, new ConnectivityRequest());
        return [.. report.Connections.Select(c => c.ToString())];
    }

    private static List<string> Keys(Cluster cluster) => [.. cluster.Objects.Select(o => o.Key.ToString()).Order(StringComparer.Ordinal)];

    private sealed class Collect(List<Kubernetes.Live.ReadProgress> reports) : IProgress<Kubernetes.Live.ReadProgress>
    {
        public void Report(Kubernetes.Live.ReadProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
