using System.Net;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// <c>/api/v1/connectivity</c> with what <c>palisade connectivity</c> offers beyond the contract's formats: the pod
/// granularity, on pods a controller owns (where it differs from the workload's), and the html page.
/// </summary>
public sealed class ConnectivityQueryTests() : WatchedClusterTest(Manifests)
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: u1, controller: true}]
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-1
          namespace: shop
          labels: {app: api}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api, uid: u2, controller: true}]
        spec: {containers: [{name: api, image: api}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 80}]}]
        """;

    private async Task<(HttpStatusCode Status, string Text, string? MediaType)> Get(string path)
    {
        using var response = await Server.Client.GetAsync(path, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Granularity_pod_names_the_pods_as_the_command_does()
    {
        var (workloadStatus, workload, _) = await Get("api/v1/connectivity?format=txt");
        var (podStatus, pod, _) = await Get("api/v1/connectivity?format=txt&granularity=pod");
        var (badStatus, bad, _) = await Get("api/v1/connectivity?granularity=node");

        Assert.True(workloadStatus == HttpStatusCode.OK && podStatus == HttpStatusCode.OK, workload + pod);
        Assert.Contains("shop/api[ReplicaSet] => shop/web[ReplicaSet] : TCP 80", workload);
        Assert.Contains("shop/api-1[Pod] => shop/web-1[Pod] : TCP 80", pod);
        Assert.DoesNotContain("[ReplicaSet]", pod);
        Assert.True(badStatus == HttpStatusCode.BadRequest, bad);
        Assert.Contains("granularity", bad);
    }

    [Fact]
    public async Task The_html_page_is_a_format_of_the_route()
    {
        var (status, text, type) = await Get("api/v1/connectivity?format=html");

        Assert.Equal((HttpStatusCode.OK, "text/html"), (status, type));
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_api_page_lists_every_format_the_read_routes_take()
    {
        var page = File.ReadAllText(Palisade.Testing.RepoPaths.InRepo("docs", "api.md"));

        Assert.Contains("/api/v1/connectivity?format=" + string.Join("\\|", Palisade.Reporting.Connlist.ConnlistFormats.All.Names), page, StringComparison.Ordinal);
        Assert.Contains("/api/v1/findings?format=" + string.Join("\\|", Palisade.Reporting.Findings.FindingsFormats.All.Names), page, StringComparison.Ordinal);
        Assert.Contains("granularity=workload\\|pod", page, StringComparison.Ordinal);
    }
}
