using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Diff;

/// <summary>
/// A connectivity diff in np-guard's formats, byte for byte: changed, then added, then removed, each sorted
/// as formatted lines; nothing at all when nothing differs.
/// </summary>
public static class DiffWriter
{
    /// <summary>np-guard's txt: a title line, then one line per pair.</summary>
    public static void WriteText(ConnectivityDiff diff, TextWriter output)
    {
        if (diff.IsEmpty)
            return;
        output.Write("Connectivity diff:\n");
        foreach (var line in Lines(diff, d => $"diff-type: {Kind(d)}, source: {d.Source}, destination: {d.Destination}, ref1: {Before(d)}, ref2: {After(d)}" +
                     (WorkloadInfo(d).Length > 0 ? $", workloads-diff-info: {WorkloadInfo(d)}" : "")))
            output.Write(line + "\n");
    }

    /// <summary>np-guard's csv.</summary>
    public static void WriteCsv(ConnectivityDiff diff, TextWriter output)
    {
        if (diff.IsEmpty)
            return;
        output.Write("diff-type,source,destination,ref1,ref2,workloads-diff-info\n");
        foreach (var line in Lines(diff, d => string.Join(",", new[] { Kind(d), d.Source.DisplayName, d.Destination.DisplayName, Before(d), After(d), WorkloadInfo(d) }.Select(Csv.Field))))
            output.Write(line + "\n");
    }

    /// <summary>np-guard's Markdown table.</summary>
    public static void WriteMarkdown(ConnectivityDiff diff, TextWriter output)
    {
        if (diff.IsEmpty)
            return;
        var rows = Lines(diff, d => $"| {Kind(d)} | {d.Source} | {d.Destination} | {Before(d)} | {After(d)} | {WorkloadInfo(d)} |");
        output.Write(string.Join("\n", rows.Prepend("|-----------|--------|-------------|------|------|---------------------|")
            .Prepend("| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |")));
    }

    /// <summary>np-guard's dot graph.</summary>
    public static void WriteDot(ConnectivityDiff diff, TextWriter output)
    {
        if (!diff.IsEmpty)
            DiffDot.Write(diff, output);
    }

    internal static string Kind(ConnectionDiff d) => d.Kind.ToString().ToLowerInvariant();

    /// <summary>np-guard's workloads-diff-info: <c>workload X [and Y] added|removed</c>, or empty.</summary>
    internal static string WorkloadInfo(ConnectionDiff d)
    {
        if (!d.SourceAppearsOrVanishes && !d.DestinationAppearsOrVanishes)
            return "";
        var names = d.SourceAppearsOrVanishes && d.DestinationAppearsOrVanishes
            ? $"{d.Source} and {d.Destination}"
            : d.SourceAppearsOrVanishes ? d.Source.DisplayName : d.Destination.DisplayName;
        return $"workload {names} {Kind(d)}";
    }

    internal static string Before(ConnectionDiff d) => d.Before.ToString();

    internal static string After(ConnectionDiff d) => d.After.ToString();

    /// <summary>Changed, added, removed; the ingress controller's lines after all others, as np-guard orders them.</summary>
    private static IEnumerable<string> Lines(ConnectivityDiff diff, Func<ConnectionDiff, string> format)
    {
        foreach (var ingress in new[] { false, true })
        {
            foreach (var kind in new[] { DiffKind.Changed, DiffKind.Added, DiffKind.Removed })
            {
                var entries = diff.Changes.Where(e => e.Kind == kind && (e.Source == Peer.IngressController) == ingress);
                foreach (var line in entries.Select(format).Order(StringComparer.Ordinal))
                    yield return line;
            }
        }
    }
}
