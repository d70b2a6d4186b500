using System.Text.Json.Nodes;
using k8s;
using Palisade.Kubernetes.Manifests;
using Palisade.Kubernetes.Mapping;
using Palisade.Model;

namespace Palisade.Kubernetes;

/// <summary>Reads a cluster from manifests: files, directories, standard input or text.</summary>
public static class ManifestSource
{
    /// <summary>
    /// Reads the paths (files, directories, <c>-</c>) and builds the cluster. An object declared twice is bad
    /// input, unless <paramref name="lenient"/>: then the later declaration wins, as with <c>kubectl apply</c>,
    /// and the pair is recorded for PAL209.
    /// </summary>
    public static LoadedCluster Load(IEnumerable<string> paths, TextReader? standardInput = null, bool lenient = false) =>
        Build(ManifestReader.Read(paths, standardInput), lenient);

    /// <summary>Builds the cluster from manifests given as text, as if read from the named file.</summary>
    public static LoadedCluster LoadText(string fileName, string text, bool lenient = false) => Build(ManifestReader.ReadText(fileName, text), lenient);

    /// <summary>
    /// Reads the paths as <see cref="Load"/> does and also returns each object's body as JSON, keyed by object:
    /// the starting state an audit log's writes are replayed onto.
    /// </summary>
    public static (LoadedCluster Cluster, IReadOnlyList<KeyValuePair<ObjectKey, JsonNode>> Bodies) LoadWithBodies(
        IEnumerable<string> paths, TextReader? standardInput = null, bool lenient = false)
    {
        var bodies = new List<KeyValuePair<ObjectKey, JsonNode>>();
        var cluster = Build(ManifestReader.Read(paths, standardInput), lenient, bodies);
        return (cluster, bodies);
    }

    /// <summary>Builds the cluster from objects already read, collecting their bodies when asked.</summary>
    internal static LoadedCluster Build(ManifestReadResult read, bool lenient = false, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null)
    {
        var builder = new ClusterBuilder(lenient ? DuplicateRule.KeepLater : DuplicateRule.Reject);
        var warnings = new List<string>();
        Add(read, builder, warnings, bodies);
        return new LoadedCluster(builder.Build(), read.Ignored, warnings);
    }

    /// <summary>Maps the objects read into the builder, collecting the reader's and the mapper's warnings, and their bodies when asked.</summary>
    internal static void Add(ManifestReadResult read, ClusterBuilder builder, List<string> warnings, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null)
    {
        warnings.AddRange(read.Warnings);
        foreach (var o in read.Objects)
        {
            var mapped = ObjectMapper.Map(o.Kind, o.Model, o.Locations);
            warnings.AddRange(mapped.Warnings);
            builder.Add(mapped.Object);
            if (bodies is not null && JsonNode.Parse(KubernetesJson.Serialize(o.Model)) is { } body)
                bodies.Add(new(mapped.Object.Meta.Key, body));
        }
    }
}
