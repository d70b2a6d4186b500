using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detectors;

/// <summary>Reading the fields rules look at from replayed bodies, tolerating any shape.</summary>
internal static class Bodies
{
    /// <summary>The string at the path, or null.</summary>
    public static string? Text(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Whether the boolean at the path is true.</summary>
    public static bool True(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>The strings of the array at the path.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array ? [.. array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];

    /// <summary>The node at the path, or null.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(step, out node))
                return null;
        }
        return node;
    }

    /// <summary>The path of the pod template in each workload kind's body.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PodTemplate = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Deployment"] = ["spec", "template"], ["DaemonSet"] = ["spec", "template"], ["StatefulSet"] = ["spec", "template"],
        ["ReplicaSet"] = ["spec", "template"], ["ReplicationController"] = ["spec", "template"], ["Job"] = ["spec", "template"],
        ["CronJob"] = ["spec", "jobTemplate", "spec", "template"],
    };

    /// <summary>The labels at the path (metadata.labels, a template's) but <paramref name="leaveOut"/>, as a sorted text, for comparing label sets.</summary>
    public static string Labels(JsonNode? body, string[] path, string? leaveOut = null) =>
        At(body, path) is JsonObject labels
            ? string.Join(",", labels.Where(p => p.Key != leaveOut).Select(p => $"{p.Key}={(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")}").Order(StringComparer.Ordinal))
            : "";

    /// <summary>
    /// The write as the change rules judge it: the body before (null when absent or unknown; when unknown, what earlier
    /// patches are known to have set of it, if anything), the body after, and whether the past is known. When the body after
    /// is unknown but the request set fields (a patch of an object whose body was not known), those fields, with what was
    /// known, are judged as set from that past. False for no write, a delete, or nothing known after. With the past unknown,
    /// a field missing from the body before is unknown, not absent.
    /// </summary>
    public static bool Judged(ObjectWrite? write, out JsonNode? before, [NotNullWhen(true)] out JsonNode? after, out bool beforeKnown)
    {
        (before, after, beforeKnown) = write is null || write.Deleted ? (null, null, false)
            : write.AfterKnown ? (write.BeforeKnown ? write.Before : write.KnownBefore, write.After, write.BeforeKnown)
            : (write.KnownBefore, write.Partial, false);
        return after is not null;
    }

    /// <summary>
    /// Whether the user is the control plane: a <c>system:</c> identity that is not a service account, nor one the API
    /// server gives clients it did not authenticate as components (<c>system:anonymous</c>, a bootstrap token's
    /// <c>system:bootstrap:ID</c>): those are whoever holds the network path or the token.
    /// </summary>
    public static bool IsControlPlane(string user) =>
        user.StartsWith("system:", StringComparison.Ordinal) && !user.StartsWith("system:serviceaccount:", StringComparison.Ordinal)
        && user != "system:anonymous" && !user.StartsWith("system:bootstrap:", StringComparison.Ordinal);
}
