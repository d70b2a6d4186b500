using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>The fake API server's 401 and 403 bodies are, byte for byte, what the real server sends.</summary>
[Collection(KubeApiServerCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ForbiddenStatusTests(KubeApiServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("apis/networking.k8s.io/v1/networkpolicies")]
    [InlineData("api/v1/namespaces")]
    [InlineData("api/v1/namespaces/shop/pods")]
    [InlineData("api/v1/namespaces/shop/pods/web")]
    [InlineData("apis/rbac.authorization.k8s.io/v1/clusterroles/admin")]
    [InlineData("api/v1/pods?watch=true")]
    [InlineData("apis/apps/v1/namespaces/shop/deployments?watch=1&resourceVersion=1")]
    public async Task A_forbidden_request_gets_the_same_status_from_both(string path)
    {
        server.Require();
        var ns = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        server.Kubectl("create", "namespace", ns).Ok("kubectl create namespace");
        server.Kubectl("create", "serviceaccount", "nobody", "-n", ns).Ok("kubectl create serviceaccount");
        var token = (await server.ServiceAccountAsync(ns, "nobody")).Token;
        await using var fake = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        fake.AddUser(token, $"system:serviceaccount:{ns}:nobody");
        fake.Forbid(_ => true);

        var (realCode, realBody) = await Get(server.Client(token), path);
        var (fakeCode, fakeBody) = await Get(fake.CreateClient(token), path);

        Assert.Equal(403, realCode);
        Assert.Equal((realCode, realBody.TrimEnd('\n')), (fakeCode, fakeBody));
    }

    [Fact]
    public async Task An_unknown_token_gets_the_same_status_from_both()
    {
        server.Require();
        await using var fake = await FakeApiServer.StartAsync(cancellationToken: Cancel);

        var (realCode, realBody) = await Get(server.Client("not-a-token"), "api/v1/pods");
        var faked = await Get(fake.CreateClient("not-a-token"), "api/v1/pods");

        Assert.Equal(401, realCode);
        Assert.Equal((realCode, realBody.TrimEnd('\n')), faked);
    }

    private static async Task<(int Code, string Body)> Get(HttpClient client, string path)
    {
        using (client)
        {
            using var response = await client.GetAsync(path, Cancel);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
        }
    }
}
