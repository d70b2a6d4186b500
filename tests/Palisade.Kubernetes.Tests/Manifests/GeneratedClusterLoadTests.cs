using Palisade.Benchmarks.Dense;

namespace Palisade.Kubernetes.Tests.Manifests;

/// <summary>
/// The bench's dense clusters, written as files the way its generator writes them, load with the default input
/// options: their performance figures are about analysing them, so a load that refuses them measures nothing.
/// </summary>
public sealed class GeneratedClusterLoadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dense_generated_cluster_loads_with_its_workloads(bool json)
    {
        var cluster = DenseCluster.Generate(DenseSize.Named("2000/200"));
        var writer = new StringWriter();
        if (json)
            ManifestText.WriteJson(ManifestObjects.Of(cluster), writer);
        else
            ManifestText.WriteYaml(ManifestObjects.Of(cluster), writer);
        var loaded = ManifestSource.LoadText(json ? "dense.json" : "dense.yaml", writer.ToString());
        Assert.Equal(cluster.Pods.Count, loaded.Cluster.Network.Pods.Count);
        Assert.All(loaded.Warnings, w => Assert.Contains("spec.selector: must not be empty", w, StringComparison.Ordinal));
    }
}
