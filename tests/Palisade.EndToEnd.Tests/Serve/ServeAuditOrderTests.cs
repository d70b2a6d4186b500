using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Palisade.EndToEnd.Tests.Cluster;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// Two policy writes a few milliseconds apart, delivered by the real kube-apiserver's audit webhook: the second one's
/// <c>opened</c> is judged on the state with the first applied, as <c>palisade audit</c> applies every earlier allowed
/// write of the log, however late the watch saw the first.
/// </summary>
[Collection(ServedClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ServeAuditOrderTests(ServedCluster cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static JsonObject Policy(string ns, string name, JsonArray ingress) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "NetworkPolicy",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["policyTypes"] = new JsonArray("Ingress"),
            ["ingress"] = ingress,
        },
    };

    [Fact]
    public async Task A_write_right_after_another_is_judged_with_the_first_applied_as_palisade_audit_does()
    {
        cluster.Require();
        var ns = $"order-{Guid.NewGuid():N}"[..14];
        cluster.Api.Apply($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{ns}}}}
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
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-web, namespace: {{{ns}}}}
            spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
            """);
        await Wait.Until(async () =>
        {
            var txt = await cluster.ConnectivityAsync();
            return txt.Contains($"{ns}/web[Deployment] => {ns}/client[Deployment]", StringComparison.Ordinal)
                && !txt.Contains($"=> {ns}/web[Deployment]", StringComparison.Ordinal);
        }, "web isolated");

        // The first opens client => web, the second everything else into web; sent back to back, before the watch can
        // have shown the first.
        using (var api = cluster.Api.Client(KubeApiServer.AdminToken))
        {
            var path = $"apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies";
            var fromClient = new JsonArray(new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject { ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "client" } } }),
            });
            using var first = await api.PostAsJsonAsync(path, Policy(ns, "allow-client", fromClient), Cancel);
            using var second = await api.PostAsJsonAsync(path, Policy(ns, "allow-all", new JsonArray(new JsonObject())), Cancel);
            Assert.True(first.IsSuccessStatusCode && second.IsSuccessStatusCode);
        }

        JsonNode? allowClient = null, allowAll = null;
        await Wait.Until(async () =>
        {
            var alerts = JsonNode.Parse(await cluster.Client.GetStringAsync("api/v1/alerts?detector=network-policy-tampering", Cancel))!["alerts"]!.AsArray();
            allowClient = alerts.FirstOrDefault(a => a!["object"]!.GetValue<string>() == $"NetworkPolicy {ns}/allow-client");
            allowAll = alerts.FirstOrDefault(a => a!["object"]!.GetValue<string>() == $"NetworkPolicy {ns}/allow-all");
            return allowClient is not null && allowAll is not null;
        }, "both writes delivered as tampering");

        var pair = $"{ns}/client[Deployment] => {ns}/web[Deployment] : All Connections";
        static List<string> Lines(JsonNode alert) => [.. alert["opened"]!.AsArray().Select(l => l!.GetValue<string>())];
        Assert.Equal([pair], Lines(allowClient!));
        Assert.DoesNotContain(pair, Lines(allowAll!));
        Assert.Contains(Lines(allowAll!), l => l.EndsWith($"=> {ns}/web[Deployment] : All Connections", StringComparison.Ordinal) && l.Contains("[External]", StringComparison.Ordinal));
    }
}
