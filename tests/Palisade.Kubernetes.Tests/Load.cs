using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes.Tests;

/// <summary>Loads manifests given as text, as if read from a file.</summary>
internal static class Load
{
    public static NetworkSnapshot Snapshot(string yaml, string file = "test.yaml") =>
        ManifestSource.Build(ManifestReader.ReadText(file, yaml)).Cluster.Network;

    public static LoadedCluster Cluster(string yaml, string file = "test.yaml") =>
        ManifestSource.Build(ManifestReader.ReadText(file, yaml));

    public static InvalidInputException Error(string yaml, string file = "test.yaml") =>
        Assert.Throws<InvalidInputException>(() => Snapshot(yaml, file));
}
