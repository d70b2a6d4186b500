using System.Text.Json;
using Palisade.Findings;
using Palisade.Reporting.Findings;
using Palisade.Scan;

namespace Palisade.Reporting.Scan;

/// <summary>The scan report as JSON: inventory, coverage, risk, exposure, connectivity counts and the findings.</summary>
public static class ScanJson
{
    /// <summary>Writes the document.</summary>
    public static void Write(ScanReport report, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            WriteInventory(json, report.Inventory);
            WriteCoverage(json, report.Coverage);
            WriteRisk(json, report.Risk);
            json.WriteStartArray("exposed");
            foreach (var exposed in report.Exposed)
            {
                json.WriteStartObject();
                json.WriteString("workload", exposed.Workload.DisplayName);
                json.WriteString("connections", exposed.Exposure.All.ToString());
                json.WriteString("via", exposed.Exposure.Describe());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("connectivity");
            var counts = ScanFacts.Connections(report.Connectivity);
            json.WriteNumber("connections", counts.Total);
            json.WriteNumber("crossNamespace", counts.CrossNamespace);
            json.WriteNumber("allPortsAndProtocols", counts.Unrestricted);
            json.WriteEndObject();
            FindingsJson.WriteMembers(json, report.Findings);
            json.WriteEndObject();
        });
    }

    private static void WriteInventory(Utf8JsonWriter json, Inventory i) => WriteCounts(json, "inventory",
        [("namespaces", i.Namespaces), ("workloads", i.Workloads), ("pods", i.Pods), ("networkPolicies", i.NetworkPolicies),
         ("clusterPolicies", i.ClusterPolicies), ("services", i.Services), ("ingressRoutes", i.IngressRoutes)]);

    private static void WriteCoverage(Utf8JsonWriter json, PolicyCoverage c) => WriteCounts(json, "coverage",
        [("workloads", c.Workloads), ("ingressIsolated", c.IngressIsolated), ("egressIsolated", c.EgressIsolated),
         ("hostNetwork", c.HostNetwork), ("namespacesWithPolicies", c.NamespacesWithPolicies), ("namespacesWithWorkloads", c.NamespacesWithWorkloads)]);

    private static void WriteCounts(Utf8JsonWriter json, string name, (string Name, int Value)[] counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts)
            json.WriteNumber(key, value);
        json.WriteEndObject();
    }

    private static void WriteRisk(Utf8JsonWriter json, RiskSummary risk)
    {
        json.WriteStartObject("risk");
        json.WriteNumber("score", risk.Score);
        json.WriteString("scale", "0-100, higher is riskier");
        if (risk.Level is { } level)
            json.WriteString("level", level.Name());
        else
            json.WriteNull("level");
        json.WriteString("weighsMost", risk.WeighsMost());
        json.WriteStartArray("factors");
        foreach (var factor in risk.Factors)
        {
            json.WriteStartObject();
            json.WriteString("name", factor.Name);
            json.WriteNumber("points", factor.Points);
            json.WriteNumber("share", Math.Round(factor.Share, 4));
            json.WriteNumber("weight", factor.Weight);
            json.WriteString("detail", factor.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
