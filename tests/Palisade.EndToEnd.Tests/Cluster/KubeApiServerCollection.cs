namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>The tests that share one real kube-apiserver; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class KubeApiServerCollection : ICollectionFixture<KubeApiServer>
{
    public const string Name = "kube-apiserver";
}
