using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Diff;

/// <summary>
/// Writes a connectivity diff in np-guard's formats, byte for byte: changed, then added, then removed,
/// each sorted as formatted lines; nothing at all when nothing differs.
/// </summary>
public static class DiffWriter
{
    /// <summary>Writes the text formats (txt, csv, md, dot, json); SARIF needs locations, see <see cref="DiffSarif"/>.</summary>
    public static void Write(ConnectivityDiff diff, DiffFormat format, TextWriter output)
    {
        if (diff.IsEmpty && format != DiffFormat.Json)
            return;
        switch (format)
        {
            case DiffFormat.Txt:
                output.Write("Connectivity diff:\n");
                foreach (var line in Lines(diff, d => $"diff-type: {Kind(d)}, source: {d.Source}, destination: {d.Destination}, ref1: {Before(d)}, ref2: {After(d)}" +
                             (d.WorkloadInfo.Length > 0 ? $", workloads-diff-info: {d.WorkloadInfo}" : "")))
                    output.Write(line + "\n");
                break;
            case DiffFormat.Csv:
                output.Write("diff-type,source,destination,ref1,ref2,workloads-diff-info\n");
                foreach (var line in Lines(diff, d => string.Join(",", new[] { Kind(d), d.Source.DisplayName, d.Destination.DisplayName, Before(d), After(d), d.WorkloadInfo }.Select(Csv.Field))))
                    output.Write(line + "\n");
                break;
            case DiffFormat.Md:
                var rows = Lines(diff, d => $"| {Kind(d)} | {d.Source} | {d.Destination} | {Before(d)} | {After(d)} | {d.WorkloadInfo} |");
                output.Write(string.Join("\n", rows.Prepend("|-----------|--------|-------------|------|------|---------------------|")
                    .Prepend("| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |")));
                break;
            case DiffFormat.Dot:
                DiffDot.Write(diff, output);
                break;
            default:
                DiffJson.Write(diff, output);
                break;
        }
    }

    /// <summary>The diff as a string.</summary>
    public static string ToString(ConnectivityDiff diff, DiffFormat format)
    {
        var text = new StringWriter();
        Write(diff, format, text);
        return text.ToString();
    }

    internal static string Kind(ConnectionDiff d) => d.Kind.ToString().ToLowerInvariant();

    internal static string Before(ConnectionDiff d) => d.Before.ToString();

    internal static string After(ConnectionDiff d) => d.After.ToString();

    /// <summary>Changed, added, removed; the ingress controller's lines after all others, as np-guard orders them.</summary>
    private static IEnumerable<string> Lines(ConnectivityDiff diff, Func<ConnectionDiff, string> format)
    {
        foreach (var ingress in new[] { false, true })
        {
            foreach (var kind in new[] { DiffKind.Changed, DiffKind.Added, DiffKind.Removed })
            {
                var entries = diff.Entries.Where(e => e.Kind == kind && (e.Source == Peer.IngressController) == ingress);
                foreach (var line in entries.Select(format).Order(StringComparer.Ordinal))
                    yield return line;
            }
        }
    }
}
