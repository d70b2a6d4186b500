using System.CommandLine;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Kubernetes;
using Palisade.Reporting.Diff;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade diff OLD NEW</c>: what a change does to connectivity, as a review or a CI gate.</summary>
internal static class DiffCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var oldPath = new Argument<string>("OLD") { Description = "The cluster before the change: a file or directory, or '-'." };
        var newPath = new Argument<string>("NEW") { Description = "The cluster after the change: a file or directory, or '-'." };
        var moreOld = new Option<string[]>("--old") { Description = "More paths of the old version (repeatable)." };
        var moreNew = new Option<string[]>("--new") { Description = "More paths of the new version (repeatable)." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: txt, csv, md, dot (np-guard's formats), json or sarif.",
            DefaultValueFactory = _ => "txt",
        };
        output.AcceptOnlyFromAmong("txt", "csv", "md", "dot", "json", "sarif");
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit 1 when the diff holds: added (new or wider access), changed (added or changed pairs) or any difference.",
        };
        failOn.AcceptOnlyFromAmong("added", "changed", "any");
        var command = new Command("diff", "Compare the connectivity of two versions of a cluster.");
        command.Arguments.Add(oldPath);
        command.Arguments.Add(newPath);
        command.Options.Add(moreOld);
        command.Options.Add(moreNew);
        command.Options.Add(output);
        command.Options.Add(failOn);
        common.AddOptionsTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var options = common.EngineOptions(parsed);
            var before = Analyze(common.Load(parsed, io, [parsed.GetValue(oldPath)!, .. parsed.GetValue(moreOld) ?? []]), options);
            var after = Analyze(common.Load(parsed, io, [parsed.GetValue(newPath)!, .. parsed.GetValue(moreNew) ?? []]), options);
            var diff = ConnectivityDiffer.Compare(before.Report, after.Report);
            Enum.TryParse<DiffFormat>(parsed.GetValue(output), ignoreCase: true, out var format);
            if (format == DiffFormat.Sarif)
                DiffSarif.Write(diff, new DiffAttribution(before.Engine, after.Engine), io.Out);
            else
                DiffWriter.Write(diff, format, io.Out);
            return Fails(diff, parsed.GetValue(failOn)) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }

    private static (PolicyEngine Engine, ConnectivityReport Report) Analyze(LoadedCluster cluster, ConnectivityOptions options)
    {
        var engine = new PolicyEngine(cluster.Snapshot, options);
        return (engine, ConnectivityAnalyzer.Analyze(engine));
    }

    private static bool Fails(ConnectivityDiff diff, string? failOn) => failOn switch
    {
        "added" => diff.Changes.Any(c => c.Widens),
        "changed" => diff.Changes.Any(c => c.Kind is DiffKind.Added or DiffKind.Changed),
        "any" => !diff.IsEmpty,
        _ => false,
    };
}
