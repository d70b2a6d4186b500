using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Connectivity.Diff;
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
        var output = OutputOption.For(DiffFormats.All, " (txt, csv, md and dot are np-guard's formats)");
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
            string[] oldPaths = [parsed.GetValue(oldPath)!, .. parsed.GetValue(moreOld) ?? []];
            string[] newPaths = [parsed.GetValue(newPath)!, .. parsed.GetValue(moreNew) ?? []];
            var before = common.Load(parsed, io, oldPaths).Cluster;
            var after = common.Load(parsed, io, newPaths).Cluster;
            var report = DiffUseCase.Run(before, after, common.EngineOptions(parsed));
            Warnings.Write(io, report.Warnings);
            parsed.Chosen(output, DiffFormats.All).Write(report, CommonOptions.Output([.. oldPaths, .. newPaths]), io.Out);
            return Enum.TryParse<DiffGate>(parsed.GetValue(failOn), ignoreCase: true, out var gate) && report.Trips(gate)
                ? ExitCodes.Failed
                : ExitCodes.Success;
        }));
        return command;
    }
}
