using Palisade.Audit.Detection;

namespace Palisade.Reporting.Timeline;

/// <summary><c>palisade timeline</c> as text (a change a line, then its opened and closed connections) or JSON.</summary>
public static class TimelineWriter
{
    /// <summary>txt and json.</summary>
    public static FormatRegistry<IReadOnlyList<TimelineEntry>> Formats { get; } = new(
        new("txt", ContentTypes.Text, (entries, _, output) => WriteText(entries, output)),
        new("json", ContentTypes.Json, (entries, _, output) => WriteJson(entries, output)));

    private static void WriteText(IReadOnlyList<TimelineEntry> entries, TextWriter output)
    {
        foreach (var entry in entries)
        {
            output.Write($"{entry.TimeText ?? Rfc3339.Format(entry.Time)} {entry.User} {entry.Verb} {entry.Object}\n");
            if (entry.Change is not { } change)
            {
                output.Write("  ? a body was not recorded: what it opened and closed is unknown\n");
                continue;
            }
            foreach (var line in change.Opened)
                output.Write($"  + {line}\n");
            foreach (var line in change.Closed)
                output.Write($"  - {line}\n");
            if (change.UnknownNamespaces.Count > 0)
                output.Write($"  ? a policy in {string.Join(", ", change.UnknownNamespaces)}, or the namespace itself, was recorded without its body: what it opened and closed to or from there is unknown\n");
        }
    }

    private static void WriteJson(IReadOnlyList<TimelineEntry> entries, TextWriter output) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("changes");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("time", entry.TimeText ?? Rfc3339.Format(entry.Time));
                json.WriteString("user", entry.User);
                json.WriteString("verb", entry.Verb);
                json.WriteString("object", entry.Object);
                json.WriteBoolean("known", entry.Change is not null);
                if (entry.Change is { UnknownNamespaces.Count: > 0 } partial)
                    JsonOutput.WriteStrings(json, "unknownNamespaces", partial.UnknownNamespaces);
                JsonOutput.WriteStrings(json, "opened", entry.Change?.Opened ?? []);
                JsonOutput.WriteStrings(json, "closed", entry.Change?.Closed ?? []);
                json.WriteEndObject();
                JsonOutput.PassOn(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
