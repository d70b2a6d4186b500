using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Palisade.Server;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// <c>palisade serve</c> watching with a service account that may not read every kind (RBAC on the real kube-apiserver):
/// the service becomes ready without the refused kinds, says which, leaves out the checks they would feed, and reads
/// them once the permission is granted, without a restart.
/// </summary>
[Collection(ServedClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ServePartialAccessTests(ServedCluster cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kind_the_service_account_may_not_list_is_left_out_and_read_once_granted()
    {
        cluster.Require();
        var ns = $"partial-{Guid.NewGuid():N}"[..16];
        // palisade-reader of deploy/rbac.yaml without its RBAC rule: roles and bindings are refused (403).
        cluster.Api.Apply($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{ns}}}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: watcher, namespace: {{{ns}}}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{{ns}}}-reader}
            rules:
            - apiGroups: [""]
              resources: [namespaces, pods, services, endpoints, nodes, serviceaccounts, replicationcontrollers]
              verbs: [get, list, watch]
            - apiGroups: [apps]
              resources: [deployments, replicasets, statefulsets, daemonsets]
              verbs: [get, list, watch]
            - apiGroups: [batch]
              resources: [jobs, cronjobs]
              verbs: [get, list, watch]
            - apiGroups: [networking.k8s.io]
              resources: [networkpolicies, ingresses]
              verbs: [get, list, watch]
            - apiGroups: [discovery.k8s.io]
              resources: [endpointslices]
              verbs: [get, list, watch]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: {{{ns}}}-reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{{ns}}}-reader}
            subjects: [{kind: ServiceAccount, name: watcher, namespace: {{{ns}}}}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: {{{ns}}}}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: example.com/web:1, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: client, namespace: {{{ns}}}}
            spec:
              selector: {matchLabels: {app: client}}
              template:
                metadata: {labels: {app: client}}
                spec: {containers: [{name: client, image: example.com/client:1}]}
            """);
        var watcher = await cluster.Api.ServiceAccountAsync(ns, "watcher");
        var directory = Directory.CreateTempSubdirectory("palisade-partial-").FullName;
        await using var server = await ServerHost.StartAsync(new ServeOptions
        {
            Listen = "127.0.0.1:0",
            Kubeconfig = watcher.KubeconfigPath,
            InsecureNoAuth = true,
            DataDirectory = directory,
            Detect = false,
        }, Cancel, logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var client = new HttpClient { BaseAddress = server.Address };

        JsonNode? ready = null;
        await Wait.Until(async () =>
        {
            using var response = await client.GetAsync("readyz", Cancel);
            ready = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel));
            return response.StatusCode == HttpStatusCode.OK;
        }, "ready without the RBAC kinds");

        var refused = ready!["refused"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], refused);
        Assert.Contains("forbidden", ready["refused"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("the RBAC checks are off", ready["refused"]![0]!["effect"]!.GetValue<string>());
        Assert.Contains($"{ns}/client[Deployment] => {ns}/web[Deployment] : All Connections", await client.GetStringAsync("api/v1/connectivity?format=txt", Cancel));
        var findings = JsonNode.Parse(await client.GetStringAsync("api/v1/findings?format=json", Cancel))!.ToJsonString();
        Assert.DoesNotContain("\"PAL50", findings, StringComparison.Ordinal);

        cluster.Api.Apply($$$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{{ns}}}-rbac}
            rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings, clusterroles, clusterrolebindings], verbs: [get, list, watch]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: {{{ns}}}-rbac}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{{ns}}}-rbac}
            subjects: [{kind: ServiceAccount, name: watcher, namespace: {{{ns}}}}]
            """);
        await Wait.Until(() => Task.FromResult(server.State.Live!.Current is { Refused.Count: 0 } now
            && now.Cluster.Roles.Any(r => r.Name == $"{ns}-reader")), "the RBAC kinds read once granted");
        using var after = await client.GetAsync("readyz", Cancel);
        Assert.Null(JsonNode.Parse(await after.Content.ReadAsStringAsync(Cancel))!["refused"]);
    }
}
