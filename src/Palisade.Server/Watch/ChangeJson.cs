using System.Text;
using System.Text.Json;
using Palisade.Reporting;
using Palisade.Reporting.Diff;

namespace Palisade.Server.Watch;

/// <summary>The JSON object of a change, as <c>GET /api/v1/changes</c> lists it and the change stream sends it.</summary>
public static class ChangeJson
{
    /// <summary>The object on one line: sequence, time, objects, opened, closed, and the diff entries (as <c>diff -o json</c>).</summary>
    public static string Write(LiveChange change)
    {
        using var diff = new StringWriter();
        DiffFormats.All.Find("json")!.Write(change.Diff, OutputContext.None, diff);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", change.Sequence);
            json.WriteString("time", Rfc3339.Format(change.Time));
            json.WriteStartArray("objects");
            foreach (var touched in change.Objects)
            {
                json.WriteStartObject();
                json.WriteString("verb", touched.Verb);
                json.WriteString("object", touched.Object);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Strings(json, "opened", change.Opened);
            Strings(json, "closed", change.Closed);
            json.WritePropertyName("diff");
            using (var entries = JsonDocument.Parse(diff.ToString()))
                entries.RootElement.WriteTo(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
