using System.Text.Json;
using Palisade.Findings;
using Palisade.Flows;
using Palisade.Flows.Detection;

namespace Palisade.Reporting.Flows;

/// <summary>
/// <c>flows check -o json</c> and <c>-o jsonl</c>: the detection contract's document
/// (<c>{"flows", "unresolved", "alerts"}</c>) or one alert object per line.
/// </summary>
public static class FlowAlertsJson
{
    /// <summary>Writes the whole document.</summary>
    public static void Write(FlowCheckResult result, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("flows", result.Flows);
            json.WriteNumber("unresolved", result.Unresolved);
            json.WriteStartArray("alerts");
            foreach (var alert in result.Alerts)
            {
                WriteAlert(json, alert);
                JsonOutput.PassOn(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Writes every alert, one per line (JSON lines).</summary>
    public static void WriteLines(FlowCheckResult result, TextWriter output)
    {
        foreach (var alert in result.Alerts)
            WriteLine(alert, output);
    }

    /// <summary>Writes one alert on one line (JSON lines).</summary>
    public static void WriteLine(FlowAlert alert, TextWriter output) => JsonOutput.WriteLine(output, json => WriteAlert(json, alert));

    /// <summary>Writes one alert object with the contract's field names.</summary>
    public static void WriteAlert(Utf8JsonWriter json, FlowAlert alert)
    {
        json.WriteStartObject();
        json.WriteString("detector", alert.Detector);
        json.WriteString("severity", alert.Severity.Name());
        json.WriteString("src", alert.Source);
        json.WriteString("dst", alert.Destination);
        json.WriteString("protocol", alert.Protocol);
        json.WriteStartArray("ports");
        foreach (var port in alert.Ports)
            json.WriteNumberValue(port);
        json.WriteEndArray();
        json.WriteString("first", Rfc3339.Format(alert.First));
        json.WriteString("last", Rfc3339.Format(alert.Last));
        json.WriteNumber("count", alert.Count);
        json.WriteString("message", alert.Message);
        JsonOutput.WriteStrings(json, "policies", alert.Policies);
        JsonOutput.WriteStrings(json, "attack", alert.Attack);
        if (alert.Cause is { } cause)
        {
            json.WriteStartObject("cause");
            json.WriteString("time", cause.TimeText ?? Rfc3339.Format(cause.Time));
            json.WriteString("user", cause.User);
            json.WriteString("verb", cause.Verb);
            json.WriteString("object", cause.Object);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
