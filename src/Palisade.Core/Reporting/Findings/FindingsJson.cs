using System.Text.Json;
using Palisade.Findings;

namespace Palisade.Reporting.Findings;

/// <summary>Findings as our JSON document: a summary, then every finding with its check's metadata.</summary>
public static class FindingsJson
{
    /// <summary>Writes the document.</summary>
    public static void Write(FindingsResult result, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            WriteMembers(json, result);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Writes the summary and the findings array, the members of this document. The scan report ends with the same
    /// members, so that a reader of either finds the findings in one shape.
    /// </summary>
    public static void WriteMembers(Utf8JsonWriter json, FindingsResult result)
    {
        WriteSummary(json, result);
        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            WriteFinding(json, finding);
            JsonOutput.PassOn(json);
        }
        json.WriteEndArray();
    }

    /// <summary>Writes the summary object.</summary>
    public static void WriteSummary(Utf8JsonWriter json, FindingsResult result)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("checks", result.Rules.Count);
        json.WriteNumber("findings", result.Findings.Count);
        json.WriteNumber("suppressed", result.Suppressed);
        json.WriteStartObject("bySeverity");
        foreach (var (severity, count) in result.CountsBySeverity.OrderByDescending(p => p.Key))
            json.WriteNumber(severity.Name(), count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes one finding object.</summary>
    public static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("id", finding.Rule.Id);
        json.WriteString("name", finding.Rule.Name);
        json.WriteString("title", finding.Rule.Title);
        json.WriteString("severity", finding.Severity.Name());
        json.WriteString("category", finding.Rule.Category);
        if (finding.Resource is { } resource)
        {
            json.WriteStartObject("resource");
            json.WriteString("kind", resource.Kind);
            if (resource.Namespace is { } ns)
                json.WriteString("namespace", ns);
            json.WriteString("name", resource.Name);
            json.WriteEndObject();
        }
        else
            json.WriteString("subject", finding.Subject);
        if (finding.Location is { } location)
        {
            json.WriteStartObject("location");
            json.WriteString("file", location.File);
            if (location.Line > 0)
                json.WriteNumber("line", location.Line);
            if (location.Column > 0)
                json.WriteNumber("column", location.Column);
            json.WriteEndObject();
        }
        if (finding.Field is { } field)
            json.WriteString("field", field);
        json.WriteString("message", finding.Message);
        if (finding.Remediation is { } remediation)
            json.WriteString("remediation", remediation);
        if (finding.Fix is { } fix)
            json.WriteString("fix", fix);
        JsonOutput.WriteStrings(json, "references", finding.Rule.References);
        json.WriteEndObject();
    }
}
