namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>Services the API server would reject are bad input: a misspelt type would hide a NodePort's exposure.</summary>
public sealed class ServiceMappingTests
{
    private static string Service(string spec) => $"apiVersion: v1\nkind: Service\nmetadata: {{name: web, namespace: shop}}\nspec:\n{spec}\n";

    [Theory]
    [InlineData("  type: Nodeport\n  ports: [{port: 80}]", "test.yaml:5:9: Service shop/web: spec.type: unsupported type \"Nodeport\" (ClusterIP, NodePort, LoadBalancer, ExternalName)")]
    [InlineData("  ports: [{port: 0}]", "test.yaml:5:18: Service shop/web: spec.ports[0].port: port 0 is outside 1-65535")]
    [InlineData("  ports: [{port: 80, targetPort: 70000}]", "test.yaml:5:34: Service shop/web: spec.ports[0].targetPort: port 70000 is outside 1-65535")]
    public void Invalid_services_are_rejected_with_location_object_and_field(string spec, string message) =>
        Assert.Equal(message, Load.Error(Service(spec)).Message);

    [Theory]
    [InlineData("ClusterIP")]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    [InlineData("ExternalName")]
    public void Every_type_of_the_api_is_read(string type) =>
        Assert.Equal(type, Assert.Single(Load.Cluster(Service($"  type: {type}\n  ports: [{{port: 80, targetPort: http}}]")).Cluster.Network.Services).Type);
}
