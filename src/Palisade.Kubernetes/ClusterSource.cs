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
    /// then the later declaration wins and the pair is recorded for PAL209. With <paramref name="bodies"/>, each
    /// object's JSON body is collected too: the state an audit log's writes are replayed onto.
    /// </summary>
    public static LoadedCluster Load(IEnumerable<ClusterInput> inputs, TextReader? standardInput = null, bool lenient = false,
        List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null)
    {
        var builder = new ClusterBuilder(lenient ? DuplicateRule.KeepLater : DuplicateRule.Reject);
        var warnings = new List<string>();
        var ignored = new List<IgnoredObject>();
        var unread = new List<UnreadKind>();
        foreach (var input in inputs)
        {
            if (input.Live is { } request)
            {
                var read = LiveSource.Read(request, builder, bodies);
                warnings.AddRange(read.Warnings);
                unread.AddRange(read.Unread);
                continue;
            }
            var manifests = ManifestReader.Read(input.Paths!, standardInput);
            ManifestSource.Add(manifests, builder, warnings, bodies);
            ignored.AddRange(manifests.Ignored);
        }
        return new LoadedCluster(builder.Build(), ignored, warnings) { Unread = unread };
    }
}
