namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>The real server answers, and the fixture's helpers do what they say.</summary>
[Collection(KubeApiServerCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ClusterSmokeTests(KubeApiServer server)
{
    [Fact]
    public void The_server_lists_its_namespaces()
    {
        server.Require();
        var names = server.Kubectl("get", "namespaces", "-o", "name").Ok("kubectl get namespaces").Output;
        Assert.Contains("namespace/default", names);
        Assert.Contains("namespace/kube-system", names);
    }

    [Fact]
    public async Task A_pod_gets_the_IP_set_through_its_status()
    {
        server.Require();
        var ns = "pod-ip-" + Guid.NewGuid().ToString("N")[..8];
        server.Apply($"""
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {ns}{"}"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: web, namespace: {ns}{"}"}
            spec:
              containers: [{"{"}name: web, image: example.com/web:1{"}"}]
            """);

        try
        {
            await server.SetPodIpAsync(ns, "web", "10.244.1.7");

            var ip = server.Kubectl("get", "pod", "web", "-n", ns, "-o", "jsonpath={.status.podIP}").Ok("kubectl get pod").Output;
            Assert.Equal("10.244.1.7", ip);
        }
        finally
        {
            // The server is shared: a pod left behind would be in the whole-cluster dumps of the tests after this one
            // (ShopDumpTests). Never scheduled, it goes at once.
            server.Kubectl("delete", "pod", "web", "-n", ns).Ok("kubectl delete pod");
        }
    }

    [Fact]
    public async Task A_service_account_token_authenticates_as_the_service_account()
    {
        server.Require();
        var ns = "token-" + Guid.NewGuid().ToString("N")[..8];
        server.Kubectl("create", "namespace", ns).Ok("kubectl create namespace");
        server.Kubectl("create", "serviceaccount", "reader", "-n", ns).Ok("kubectl create serviceaccount");

        var credentials = await server.ServiceAccountAsync(ns, "reader");

        var denied = server.KubectlAs(credentials.KubeconfigPath, null, "get", "pods", "-n", ns);
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains($"User \"system:serviceaccount:{ns}:reader\" cannot list resource \"pods\"", denied.Error);
    }
}
