using System.Text.Json.Nodes;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// The JSON side of <see cref="Model.AssignedFields"/>, for the bodies an audit replay starts from: a later declaration
/// of a Service or Pod that leaves out what the API server assigned (a Service's cluster IPs, node ports and status; a
/// Pod's status, node and timestamps) takes them from the earlier declaration, as applying it over the live object would.
/// </summary>
internal static class AssignedBodyFields
{
    /// <summary>The later body, completed in place from the earlier one of the same object.</summary>
    public static JsonNode Keep(JsonNode earlier, JsonNode later)
    {
        if (earlier is not JsonObject before || later is not JsonObject after)
            return later;
        switch ((string?)after["kind"])
        {
            case "Service":
                KeepService(before, after);
                break;
            case "Pod":
                KeepPod(before, after);
                break;
        }
        return later;
    }

    private static void KeepPod(JsonObject before, JsonObject after)
    {
        var assigned = before["status"] is JsonObject status && status["podIP"] is not null;
        var declared = after["status"] is JsonObject own && own["podIP"] is not null;
        if (!assigned || declared)
            return;
        after["status"] = before["status"]!.DeepClone();
        KeepMissing(before, after, "spec", "nodeName");
        KeepMissing(before, after, "metadata", "creationTimestamp");
        KeepMissing(before, after, "metadata", "deletionTimestamp");
    }

    private static void KeepService(JsonObject before, JsonObject after)
    {
        // Only where it declares neither: a cluster IP of its own is what the API server would hold (or refuse).
        if (after["spec"]?["clusterIP"] is null && after["spec"]?["clusterIPs"] is null)
        {
            KeepMissing(before, after, "spec", "clusterIP");
            KeepMissing(before, after, "spec", "clusterIPs");
        }
        if (after["status"]?["loadBalancer"]?["ingress"] is null && before["status"] is { } status)
            after["status"] = status.DeepClone();
        if (before["spec"]?["ports"] is not JsonArray known || after["spec"]?["ports"] is not JsonArray ports)
            return;
        foreach (var port in ports)
        {
            if (port is not JsonObject declared || declared["nodePort"] is not null)
                continue;
            foreach (var earlier in known)
            {
                if (earlier is JsonObject assigned && assigned["nodePort"] is { } nodePort
                    && JsonNode.DeepEquals(assigned["port"], declared["port"]) && Protocol(assigned) == Protocol(declared))
                    declared["nodePort"] = nodePort.DeepClone();
            }
        }
    }

    private static string Protocol(JsonObject port) => (string?)port["protocol"] ?? "TCP";

    private static void KeepMissing(JsonObject before, JsonObject after, string section, string field)
    {
        if (before[section]?[field] is not { } value || after[section]?[field] is not null)
            return;
        if (after[section] is not JsonObject target)
            after[section] = target = [];
        target[field] = value.DeepClone();
    }
}
