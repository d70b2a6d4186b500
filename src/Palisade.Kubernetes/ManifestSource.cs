using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
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
    /// and the pair is recorded for PAL209. <paramref name="options"/> say how to find and read the files.
    /// </summary>
    public static LoadedCluster Load(IEnumerable<string> paths, TextReader? standardInput = null, bool lenient = false, InputOptions? options = null)
    {
        options ??= InputOptions.Default;
        return Build(ManifestInputs.Read(paths, standardInput ?? Console.In, options), lenient, options.DefaultNamespace, skipInvalid: !options.Strict);
    }

    /// <summary>Builds the cluster from manifests given as text, as if read from the named file.</summary>
    public static LoadedCluster LoadText(string fileName, string text, bool lenient = false) => Build(ManifestReader.ReadText(fileName, text), lenient);

    /// <summary>
    /// Reads the paths as <see cref="Load"/> does and also returns each object's body as JSON, keyed by object:
    /// the starting state an audit log's writes are replayed onto.
    /// </summary>
    public static (LoadedCluster Cluster, IReadOnlyList<KeyValuePair<ObjectKey, JsonNode>> Bodies) LoadWithBodies(
        IEnumerable<string> paths, TextReader? standardInput = null, bool lenient = false, InputOptions? options = null)
    {
        options ??= InputOptions.Default;
        var bodies = new List<KeyValuePair<ObjectKey, JsonNode>>();
        var cluster = Build(ManifestInputs.Read(paths, standardInput ?? Console.In, options), lenient, options.DefaultNamespace, bodies, !options.Strict);
        return (cluster, bodies);
    }

    /// <summary>
    /// Builds the cluster from objects already read, collecting their bodies when asked. With
    /// <paramref name="skipInvalid"/> (a lenient read), a file holding an object the API server would refuse is left
    /// out whole and recorded as unread, as the reader does with a file it cannot parse.
    /// </summary>
    internal static LoadedCluster Build(ManifestReadResult read, bool lenient = false, string defaultNamespace = ObjectNames.DefaultNamespace,
        List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null, bool skipInvalid = false)
    {
        var builder = new ClusterBuilder(lenient ? DuplicateRule.KeepLater : DuplicateRule.Reject);
        var warnings = new List<string>();
        read = HelmTestHooks.Without(read);
        var unread = new List<UnreadInput>(read.Unread);
        Add(read, builder, warnings, defaultNamespace, bodies, skipInvalid ? unread : null);
        var cluster = builder.Build();
        return new LoadedCluster(unread.Count == 0 ? cluster : cluster.With(unread: unread), read.Ignored, warnings);
    }

    /// <summary>
    /// Maps the objects read into the builder (namespace-less ones placed in <paramref name="defaultNamespace"/>),
    /// collecting the reader's and the mapper's warnings, and the objects' bodies when asked.
    /// </summary>
    internal static void Add(ManifestReadResult read, ClusterBuilder builder, List<string> warnings, string defaultNamespace,
        List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null, List<UnreadInput>? unread = null)
    {
        warnings.AddRange(read.Warnings);
        warnings.AddRange(DecisiveObjects.Warnings(read.Ignored));
        Dictionary<ObjectKey, int>? positions = null;
        foreach (var (o, mapped) in Map(read.Objects, defaultNamespace, unread))
        {
            warnings.AddRange(mapped.Warnings);
            builder.Add(mapped.Object);
            if (bodies is not null && JsonNode.Parse(KubernetesJson.Serialize(Complete(o, defaultNamespace))) is { } body)
            {
                var key = mapped.Object.Meta.Key;
                positions ??= Positions(bodies);
                // A second declaration keeps what the API server assigned that it leaves out, as the builder does.
                if (positions.TryGetValue(key, out var earlier))
                    body = AssignedBodyFields.Keep(bodies[earlier].Value, body);
                positions[key] = bodies.Count;
                bodies.Add(new(key, body));
            }
        }
    }

    private static Dictionary<ObjectKey, int> Positions(List<KeyValuePair<ObjectKey, JsonNode>> bodies)
    {
        var positions = new Dictionary<ObjectKey, int>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
            positions[bodies[i].Key] = i;
        return positions;
    }

    /// <summary>
    /// Maps each object (namespace-less ones placed in <paramref name="defaultNamespace"/>). Given
    /// <paramref name="unread"/>, a file with an object the API server would refuse is recorded there and all its
    /// objects are left out; otherwise the refusal is thrown.
    /// </summary>
    private static List<(ManifestObject Source, MappedObject Mapped)> Map(IReadOnlyList<ManifestObject> objects, string defaultNamespace, List<UnreadInput>? unread)
    {
        var mapped = new List<(ManifestObject Source, MappedObject Mapped)>(objects.Count);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            if (KindTable.Of(o.Kind).Namespaced)
                PlaceInNamespace(o.Model, defaultNamespace);
            try
            {
                mapped.Add((o, ObjectMapper.Map(o.Kind, o.Model, o.Locations)));
            }
            catch (InvalidInputException e) when (unread is not null && o.Locations.Object?.File is { } file)
            {
                if (refused.Add(file))
                    unread.Add(new UnreadInput(e.Location ?? new SourceLocation(file), string.Join(": ", new[] { e.ObjectName, e.Field, e.Problem }.OfType<string>())));
            }
        }
        return refused.Count == 0 ? mapped : mapped.FindAll(m => m.Source.Locations.Object?.File is not { } file || !refused.Contains(file));
    }

    /// <summary>The object's model with every field, placed in the namespace as its mapped model is.</summary>
    private static object Complete(ManifestObject o, string defaultNamespace)
    {
        if (o.Complete is null)
            return o.Model;
        var model = o.Complete();
        if (KindTable.Of(o.Kind).Namespaced)
            PlaceInNamespace(model, defaultNamespace);
        return model;
    }

    /// <summary>Sets the namespace of an object that names none, as <c>kubectl apply -n</c> does.</summary>
    private static void PlaceInNamespace(object model, string ns)
    {
        if (model is not IMetadata<V1ObjectMeta> named || !string.IsNullOrEmpty(named.Metadata?.NamespaceProperty))
            return;
        named.Metadata ??= new V1ObjectMeta();
        named.Metadata.NamespaceProperty = ns;
    }
}
