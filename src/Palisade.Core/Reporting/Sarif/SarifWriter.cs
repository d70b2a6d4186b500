using System.Text.Json;

namespace Palisade.Reporting.Sarif;

/// <summary>Writes a SARIF 2.1.0 log with one run of the palisade tool, without reflection-based JSON.</summary>
public static class SarifWriter
{
    /// <summary>The schema the log declares.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes the log; file paths under <paramref name="baseDirectory"/> are written relative to it.</summary>
    public static void Write(TextWriter output, string? baseDirectory, IReadOnlyList<SarifRule> rules, IEnumerable<SarifResult> results)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                WriteResult(json, baseDirectory, rules, result);
                JsonOutput.PassOn(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<SarifRule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "palisade");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            if (rule.FullDescription is not null)
            {
                json.WriteStartObject("fullDescription");
                json.WriteString("text", rule.FullDescription);
                json.WriteEndObject();
            }
            if (rule.HelpUri is not null)
                json.WriteString("helpUri", rule.HelpUri);
            if (rule.Help is not null)
            {
                json.WriteStartObject("help");
                json.WriteString("text", rule.Help);
                json.WriteString("markdown", rule.Help);
                json.WriteEndObject();
            }
            if (rule.DefaultLevel is not null)
            {
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", rule.DefaultLevel);
                json.WriteEndObject();
            }
            if (rule.Tags.Count > 0 || rule.SecuritySeverity is not null)
            {
                json.WriteStartObject("properties");
                if (rule.Tags.Count > 0)
                    JsonOutput.WriteStrings(json, "tags", rule.Tags);
                if (rule.SecuritySeverity is not null)
                    json.WriteString("security-severity", rule.SecuritySeverity);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, string? baseDirectory, IReadOnlyList<SarifRule> rules, SarifResult result)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", result.RuleId);
        var index = -1;
        for (var i = 0; i < rules.Count && index < 0; i++)
        {
            if (rules[i].Id == result.RuleId)
                index = i;
        }
        if (index >= 0)
            json.WriteNumber("ruleIndex", index);
        json.WriteString("level", result.Level);
        json.WriteStartObject("message");
        json.WriteString("text", result.Message);
        json.WriteEndObject();
        if (result.Location is not null || result.LogicalLocation is not null)
            WriteLocation(json, baseDirectory, result);
        if (result.Fingerprint is not null)
        {
            json.WriteStartObject("partialFingerprints");
            json.WriteString("palisade/v1", result.Fingerprint);
            json.WriteEndObject();
        }
        if (result.Properties.Count > 0)
        {
            json.WriteStartObject("properties");
            foreach (var (name, value) in result.Properties)
                json.WriteString(name, value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string? baseDirectory, SarifResult result)
    {
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (result.Location is { } location)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ArtifactUri(location.File, baseDirectory));
            json.WriteEndObject();
            if (location.Line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", location.Line);
                if (location.Column > 0)
                    json.WriteNumber("startColumn", location.Column);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        if (result.LogicalLocation is { } logical)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", logical);
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>
    /// A relative URI for files under the base directory (what code-scanning UIs resolve against the
    /// repository), an absolute file URI otherwise. Each path segment is percent-encoded: a file name may hold a
    /// space, '#' or '%', which a URI reference may not (a '#' would start a fragment).
    /// </summary>
    public static string ArtifactUri(string file, string? baseDirectory)
    {
        var full = Path.GetFullPath(file);
        if (baseDirectory is not null)
        {
            var relative = Path.GetRelativePath(baseDirectory, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                return Escaped(relative);
        }
        // A drive-letter path keeps Uri's own form; the segments of a rooted Unix path are encoded as above.
        return full.StartsWith('/') ? "file://" + Escaped(full) : new Uri(full).AbsoluteUri;
    }

    private static string Escaped(string path) => string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
