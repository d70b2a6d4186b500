using System.Text.Json;
using Palisade.Connectivity.Exposure;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Exposure;

/// <summary>Writes the exposure analysis after the connectivity lines, in np-guard's txt and json layouts.</summary>
public static class ExposureWriter
{
    private static IEnumerable<ExposureItem> Sorted(ExposureReport report, PolicyDirection direction) =>
        report.Items.Where(i => i.Direction == direction)
            .DistinctBy(i => (i.Workload, i.Other))
            .OrderBy(i => i.Workload.DisplayName, StringComparer.Ordinal)
            .ThenBy(i => i.Other, StringComparer.Ordinal);

    /// <summary>The connectivity lines, then the exposure of each workload, in np-guard's txt layout.</summary>
    public static void WriteText(ExposureReport report, TextWriter output)
    {
        if (ConnlistWriter.WriteText(report.Connectivity.Connections, output))
            output.Write("\n");
        output.Write("Exposure Analysis Result:\n");
        var width = report.Items.Count == 0 ? 0 : report.Items.Max(i => i.Workload.DisplayName.Length);
        var egress = Sorted(report, PolicyDirection.Egress).ToArray();
        var ingress = Sorted(report, PolicyDirection.Ingress).ToArray();
        if (egress.Length > 0)
        {
            output.Write("Egress Exposure:\n");
            foreach (var item in egress)
                output.Write($"{item.Workload.DisplayName.PadRight(width)} \t=> \t{item.Other} : {item.Connections}\n");
        }
        if (ingress.Length > 0)
        {
            output.Write(egress.Length > 0 ? "\nIngress Exposure:\n" : "Ingress Exposure:\n");
            foreach (var item in ingress)
                output.Write($"{item.Workload.DisplayName.PadRight(width)} \t<= \t{item.Other} : {item.Connections}\n");
        }
        if (report.Unprotected.Count > 0)
        {
            output.Write("\nWorkloads not protected by network policies:\n");
            foreach (var line in report.Unprotected.Select(u => $"{u.Workload} is not protected on {u.Direction}").Order(StringComparer.Ordinal))
                output.Write(line + "\n");
        }
    }

    /// <summary>The connectivity lines and the exposure in np-guard's json layout.</summary>
    public static void WriteJson(ExposureReport report, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("connlist_results");
            foreach (var c in report.Connectivity.Connections)
            {
                Item(json, c.Source.DisplayName, c.Destination.DisplayName, c.Connections);
                JsonOutput.PassOn(json);
            }
            json.WriteEndArray();
            json.WriteStartObject("exposure_results");
            foreach (var (name, direction) in new[] { ("egress_exposure", PolicyDirection.Egress), ("ingress_exposure", PolicyDirection.Ingress) })
            {
                var items = Sorted(report, direction).ToArray();
                if (items.Length == 0)
                {
                    json.WriteNull(name);
                    continue;
                }
                json.WriteStartArray(name);
                foreach (var i in items)
                {
                    if (direction == PolicyDirection.Egress)
                        Item(json, i.Workload.DisplayName, i.Other, i.Connections);
                    else
                        Item(json, i.Other, i.Workload.DisplayName, i.Connections);
                    JsonOutput.PassOn(json);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }, finalNewline: false);
    }

    private static void Item(Utf8JsonWriter json, string source, string destination, ConnectionSet connections)
    {
        json.WriteStartObject();
        json.WriteString("src", source);
        json.WriteString("dst", destination);
        json.WriteString("conn", connections.ToString());
        json.WriteEndObject();
    }
}
