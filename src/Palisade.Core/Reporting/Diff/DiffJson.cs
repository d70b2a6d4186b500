using Palisade.Connectivity.Diff;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Diff;

/// <summary>Our json rendering of a diff: an indented array in the order of the text formats.</summary>
internal static class DiffJson
{
    public static void Write(ConnectivityDiff diff, TextWriter output)
    {
        var entries = new[] { DiffKind.Changed, DiffKind.Added, DiffKind.Removed }
            .SelectMany(k => diff.Changes.Where(e => e.Kind == k).OrderBy(e => e.Source).ThenBy(e => e.Destination))
            .ToArray();
        if (entries.Length == 0)
        {
            output.Write("[]\n");
            return;
        }
        output.Write("[\n");
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            output.Write("  {\n");
            output.Write($"    \"diff-type\": {JsonText.Quote(DiffWriter.Kind(e))},\n");
            output.Write($"    \"source\": {JsonText.Quote(e.Source.DisplayName)},\n");
            output.Write($"    \"destination\": {JsonText.Quote(e.Destination.DisplayName)},\n");
            output.Write($"    \"ref1\": {JsonText.Quote(DiffWriter.Before(e))},\n");
            output.Write($"    \"ref2\": {JsonText.Quote(DiffWriter.After(e))},\n");
            output.Write($"    \"workloads-diff-info\": {JsonText.Quote(DiffWriter.WorkloadInfo(e))}\n");
            output.Write(i + 1 < entries.Length ? "  },\n" : "  }\n");
        }
        output.Write("]\n");
    }
}
