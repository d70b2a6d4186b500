using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What the API server sets on every object of a kind and a manifest (the usual <c>--cluster</c>) leaves out, where a
/// JSON Patch may name it: a Service's <c>spec.type</c>, <c>sessionAffinity</c> and <c>internalTrafficPolicy</c>, a
/// Namespace's name label, a NetworkPolicy's <c>policyTypes</c>. The server applied the patch to its stored object, so
/// a <c>replace</c>, a <c>test</c> or an <c>add</c> into a map that the manifest lacks applies there, and a patch that
/// gives a policy egress rules leaves the policyTypes it was stored with (Ingress alone when it had no egress rule).
/// </summary>
internal static class ServerDefaults
{
    /// <summary>The body with the defaults of its kind it lacks (a copy), or the body itself when it lacks none.</summary>
    public static JsonNode Fill(ObjectKey key, JsonNode body)
    {
        if (body is not JsonObject obj)
            return body;
        return key.Kind switch
        {
            "Service" when obj["spec"] is JsonObject spec && (spec["type"] is null || spec["sessionAffinity"] is null || spec["internalTrafficPolicy"] is null) =>
                With(obj, copy => Set((JsonObject)copy["spec"]!, ("type", "ClusterIP"), ("sessionAffinity", "None"), ("internalTrafficPolicy", "Cluster"))),
            "Namespace" when obj["metadata"] is JsonObject metadata && (metadata["labels"] as JsonObject)?[NamespaceInfo.NameLabel] is null =>
                With(obj, copy => NameLabel((JsonObject)copy["metadata"]!, key.Name)),
            "Deployment" or "StatefulSet" or "ReplicaSet" when obj["spec"] is JsonObject spec && spec["replicas"] is null =>
                With(obj, copy => ((JsonObject)copy["spec"]!)["replicas"] = 1),
            "NetworkPolicy" => PolicyTypes(key, body),
            _ => body,
        };
    }

    /// <summary>
    /// A NetworkPolicy with the policyTypes the server gave it when it stored it without them (Ingress, and Egress when it
    /// has an egress rule; Kubernetes' <c>SetDefaults_NetworkPolicySpec</c>), a copy; any other body as it is.
    /// </summary>
    public static JsonNode PolicyTypes(ObjectKey key, JsonNode body) =>
        key.Kind == "NetworkPolicy" && body is JsonObject obj && obj["spec"] is JsonObject spec && spec["policyTypes"] is null
            ? With(obj, copy => ((JsonObject)copy["spec"]!)["policyTypes"] = spec["egress"] is JsonArray { Count: > 0 } ? new JsonArray("Ingress", "Egress") : new JsonArray("Ingress"))
            : body;

    private static JsonObject With(JsonObject body, Action<JsonObject> fill)
    {
        var copy = (JsonObject)body.DeepClone();
        fill(copy);
        return copy;
    }

    private static void Set(JsonObject spec, params (string Name, string Value)[] defaults)
    {
        foreach (var (name, value) in defaults)
            spec[name] ??= value;
    }

    private static void NameLabel(JsonObject metadata, string name)
    {
        if (metadata["labels"] is not JsonObject labels)
            metadata["labels"] = labels = [];
        labels[NamespaceInfo.NameLabel] = name;
    }
}
