using System.Text.Json.Nodes;
using Palisade.Kubernetes.Live;
using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes;

/// <summary>
/// Builds one cluster from any mix of inputs, in the order given: manifests and the live cluster go through the same
/// mapper into one builder, under one duplicate rule (an object in a file and in the cluster is declared twice).
/// </summary>
public static class ClusterSource
{
    /// <summary>
    /// Reads the inputs and builds the cluster. An object declared twice is bad input, unless <paramref name="lenient"/>:
    /// then the later declaration wins and the pair is recorded for PAL209. <paramref name="options"/> say how to
    /// find and read manifest files. With <paramref name="bodies"/>, each object's JSON body is collected too: the
    /// state an audit log's writes are replayed onto.
    /// </summary>
    public static LoadedCluster Load(IEnumerable<ClusterInput> inputs, TextReader? standardInput = null, bool lenient = false,
        InputOptions? options = null, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null)
    {
        options ??= InputOptions.Default;
        var builder = new ClusterBuilder(lenient ? DuplicateRule.KeepLater : DuplicateRule.Reject);
        var warnings = new List<string>();
        var ignored = new List<IgnoredObject>();
        var unreadFiles = new List<UnreadInput>();
        var refused = new List<RefusedKind>();
        var unknownFields = new List<string>();
        foreach (var input in inputs)
        {
            if (input.Live is { } request)
            {
                var read = LiveSource.Read(request, builder, bodies);
                warnings.AddRange(read.Warnings);
                refused.AddRange(read.Refused);
                continue;
            }
            var manifests = HelmTestHooks.Without(ManifestInputs.Read(input.Paths!, standardInput ?? Console.In, options));
            unreadFiles.AddRange(manifests.Unread);
            ManifestSource.Add(manifests, builder, warnings, options.DefaultNamespace, bodies, options.Strict ? null : unreadFiles);
            ignored.AddRange(manifests.Ignored);
            if (options.ListUnknownFields)
            {
                foreach (var o in manifests.Objects)
                    unknownFields.AddRange(UnknownFields.Of(o));
            }
        }
        var cluster = builder.Build();
        return new LoadedCluster(unreadFiles.Count == 0 ? cluster : cluster.With(unread: unreadFiles), ignored, warnings) { Refused = refused, UnknownFields = unknownFields };
    }
}
