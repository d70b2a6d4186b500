using System.Text.Json;
using Palisade.Audit.Detection;
using Palisade.Findings;

namespace Palisade.Reporting.Audit;

/// <summary><c>audit -o json</c> and <c>-o jsonl</c>: the detection contract's document (<c>{"events", "alerts"}</c>) or one alert per line.</summary>
public static class AuditAlertsJson
{
    /// <summary>Writes the whole document.</summary>
    public static void Write(long events, IReadOnlyList<AuditAlert> alerts, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("events", events);
            json.WriteStartArray("alerts");
            foreach (var alert in alerts)
            {
                WriteAlert(json, alert);
                JsonOutput.PassOn(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Writes one alert on one line (JSON lines).</summary>
    public static void WriteLine(AuditAlert alert, TextWriter output) => JsonOutput.WriteLine(output, json => WriteAlert(json, alert));

    /// <summary>Writes one alert object with the contract's field names.</summary>
    public static void WriteAlert(Utf8JsonWriter json, AuditAlert alert)
    {
        json.WriteStartObject();
        json.WriteString("rule", alert.Rule);
        json.WriteString("severity", alert.Severity.Name());
        json.WriteString("time", alert.TimeText ?? Rfc3339.Format(alert.Time));
        json.WriteString("user", alert.User);
        json.WriteString("verb", alert.Verb);
        json.WriteString("object", alert.Object);
        json.WriteString("message", alert.Message);
        JsonOutput.WriteStrings(json, "opened", alert.Opened);
        JsonOutput.WriteStrings(json, "attack", alert.Attack);
        json.WriteEndObject();
    }
}
