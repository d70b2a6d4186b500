using Palisade.Testing;

namespace Palisade.Cli.Tests.Live;

/// <summary>The detection commands take the running cluster where they take manifests: --cluster live, or --kubeconfig alone for audit.</summary>
public sealed class LiveDetectionTests : IClassFixture<ShopOnFakeApi>
{
    private readonly ShopOnFakeApi shop;
    private readonly string[] manifests;

    /// <summary>The shop with a pod that has an address, in the cluster and as manifests.</summary>
    public LiveDetectionTests(ShopOnFakeApi shop)
    {
        this.shop = shop;
        shop.Api.AddManifests(PodWithAddress);
        manifests = ["--cluster", ShopOnFakeApi.Example, "--cluster", Write("debug-pod.yaml", PodWithAddress)];
    }

    /// <summary>A pod with an address, which flows can be resolved to; the example's workloads have none.</summary>
    private const string PodWithAddress = """
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: shop-web, labels: {app: debug}}
        spec: {containers: [{name: debug, image: busybox}]}
        status: {podIP: 10.1.0.5, podIPs: [{ip: 10.1.0.5}]}
        """;

    private const string Flows = """
        time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
        2024-05-01T03:00:00Z,10.1.0.5,40000,169.254.169.254,80,TCP,100,FORWARDED
        2024-05-01T03:00:01Z,10.1.0.5,40001,8.8.8.8,443,TCP,100,FORWARDED
        """;

    private const string AuditLog = """
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/apis/networking.k8s.io/v1/namespaces/shop-web/networkpolicies/storefront","verb":"delete","user":{"username":"mallory"},"objectRef":{"resource":"networkpolicies","namespace":"shop-web","name":"storefront","apiGroup":"networking.k8s.io","apiVersion":"v1"},"responseStatus":{"code":200},"requestReceivedTimestamp":"2024-05-01T03:00:00.000000Z","stageTimestamp":"2024-05-01T03:00:00.100000Z"}
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a2","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop-web/pods/web-1/exec?command=sh","verb":"create","user":{"username":"mallory"},"objectRef":{"resource":"pods","namespace":"shop-web","name":"web-1","subresource":"exec","apiVersion":"v1"},"responseStatus":{"code":101},"requestReceivedTimestamp":"2024-05-01T03:01:00.000000Z","stageTimestamp":"2024-05-01T03:01:00.100000Z"}

        """;

    [Fact]
    public void Flows_check_judges_flows_against_the_running_cluster_as_against_its_manifests()
    {
        var flows = Write("flows.csv", Flows);

        var fromFiles = CliRun.Of(["flows", "check", flows, .. manifests, "-o", "json"]);
        var live = CliRun.Of("flows", "check", flows, "--cluster", "live", "--kubeconfig", shop.Kubeconfig, "-o", "json");

        Assert.True(live.ExitCode is 0 or 1, live.Error);
        Assert.Contains("\"src\": \"shop-web/debug[Pod]\"", fromFiles.Output, StringComparison.Ordinal);
        Assert.Equal(fromFiles.Output, live.Output);
    }

    [Fact]
    public void Audit_replays_the_log_from_the_running_cluster_as_from_its_manifests()
    {
        var log = Write("audit.jsonl", AuditLog);

        var fromFiles = CliRun.Of(["audit", log, .. manifests, "-o", "json"]);
        var live = CliRun.Of("audit", log, "--kubeconfig", shop.Kubeconfig, "-o", "json");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Contains("=> shop-web/storefront[Deployment]", fromFiles.Output, StringComparison.Ordinal);
        Assert.Equal(fromFiles.Output, live.Output);
    }

    [Fact]
    public void Audit_without_a_cluster_still_starts_from_nothing()
    {
        var log = Write("audit-alone.jsonl", AuditLog);

        var run = CliRun.Of("audit", log, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("NetworkPolicy shop-web/storefront", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("=>", run.Output, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(shop.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
