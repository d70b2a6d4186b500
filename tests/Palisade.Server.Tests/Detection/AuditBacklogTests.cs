using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// An audit event older than the service's first listing (the API server's webhook sends its kept batches again after the
/// service restarted): the create of a policy the listing already holds opens what <c>palisade audit</c> says it opened on
/// the cluster as it stood before, not nothing.
/// </summary>
public sealed class AuditBacklogTests() : WatchedClusterTest(Manifests)
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: shop, labels: {app: client}}
        spec: {containers: [{name: client, image: client}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-web, namespace: shop}
        spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-client, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
        """;

    [Fact]
    public async Task A_create_from_before_the_first_listing_opens_what_it_opened_then()
    {
        // Created while the service was down: the listing after its restart holds it, as the API server returned it.
        using var api = Api.CreateClient();
        var created = await api.GetStringAsync("apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/allow-client", Cancel);
        var received = (Server.Server.State.Live!.HistoryStart - TimeSpan.FromMinutes(2)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var response = JsonNode.Parse(created)!.ToJsonString();
        var body = $$"""
            {"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"backlog-1","stage":"ResponseComplete","requestURI":"/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies","verb":"create","user":{"username":"alice","groups":["system:authenticated"]},"sourceIPs":["10.0.0.9"],"objectRef":{"resource":"networkpolicies","namespace":"shop","name":"allow-client","apiGroup":"networking.k8s.io","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{{response}},"responseObject":{{response}},"requestReceivedTimestamp":"{{received}}","stageTimestamp":"{{received}}"}]}
            """;

        using var posted = await Server.Client.PostAsync("api/v1/ingest/audit", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        JsonNode? alert = null;
        await TestServer.Until(() =>
        {
            var alerts = JsonNode.Parse(Server.Client.GetStringAsync("api/v1/alerts?detector=network-policy-tampering", Cancel).GetAwaiter().GetResult())!["alerts"]!.AsArray();
            alert = alerts.FirstOrDefault(a => a!["object"]!.GetValue<string>() == "NetworkPolicy shop/allow-client");
            return alert is not null;
        });
        Assert.Equal(["shop/client[Pod] => shop/web[Pod] : All Connections"], alert!["opened"]!.AsArray().Select(l => l!.GetValue<string>()));
    }
}
