using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What the API server keeps of the stored object when an update of the object itself sends a body without it: the
/// status (only the status subresource writes it), and a Service's allocated cluster IP and node ports left empty (its
/// <c>patchAllocatedValues</c>). So a manifest sent by <c>kubectl replace</c>, replayed from the body sent, leaves a pod
/// its address and a Service its cluster IP and balancer, as the server stored them.
/// </summary>
internal static class ServerKept
{
    /// <summary>The body sent (changed in place, it is the caller's own) with what the server kept of the previous one.</summary>
    public static JsonNode? Apply(ObjectKey key, JsonNode? previous, JsonNode? sent)
    {
        if (sent is not JsonObject body || previous is not JsonObject stored)
            return sent;
        if (stored["status"] is { } status)
            body["status"] = status.DeepClone();
        if (key.Kind == "Service" && stored["spec"] is JsonObject was && body["spec"] is JsonObject spec)
            KeepAllocated(was, spec);
        return sent;
    }

    /// <summary>
    /// A status write (update or patch of the status subresource) as the server stores it: the body written with the
    /// stored spec, which the status strategies keep whatever the body says (changed in place, the caller's own).
    /// </summary>
    public static JsonNode? StatusWrite(JsonNode? previous, JsonNode? written)
    {
        if (written is not JsonObject body || previous is not JsonObject stored)
            return written;
        if (stored["spec"] is { } spec)
            body["spec"] = spec.DeepClone();
        else
            body.Remove("spec");
        return written;
    }

    /// <summary>An empty cluster IP (but of an ExternalName Service) and, while the type needs them, a port without node port take the stored ones.</summary>
    private static void KeepAllocated(JsonObject was, JsonObject spec)
    {
        if (Text(spec["type"]) == "ExternalName")
            return;
        if (Text(spec["clusterIP"]) is null && Text(was["clusterIP"]) is not null)
        {
            spec["clusterIP"] = was["clusterIP"]!.DeepClone();
            if (was["clusterIPs"] is { } ips && spec["clusterIPs"] is null or JsonArray { Count: 0 })
                spec["clusterIPs"] = ips.DeepClone();
        }
        if (Text(spec["type"]) is not ("NodePort" or "LoadBalancer") || spec["ports"] is not JsonArray ports || was["ports"] is not JsonArray wasPorts)
            return;
        foreach (var port in ports)
        {
            if (port is not JsonObject p || p["nodePort"] is not null)
                continue;
            foreach (var old in wasPorts)
            {
                if (old is JsonObject o && o["nodePort"] is { } nodePort && JsonNode.DeepEquals(o["port"], p["port"])
                    && (Text(o["protocol"]) ?? "TCP") == (Text(p["protocol"]) ?? "TCP"))
                {
                    p["nodePort"] = nodePort.DeepClone();
                    break;
                }
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
