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
        var oldPath = new Argument<string?>("OLD") { Description = "The cluster before the change: a file or directory, '-', or 'live' for the running cluster.", Arity = ArgumentArity.ZeroOrOne };
        var newPath = new Argument<string?>("NEW") { Description = "The cluster after the change: a file or directory, '-', or 'live' for the running cluster.", Arity = ArgumentArity.ZeroOrOne };
        var moreOld = new Option<string[]>("--old") { Description = "Paths of the old version (repeatable; 'live' for the running cluster), besides OLD." };
        var moreNew = new Option<string[]>("--new") { Description = "Paths of the new version (repeatable; 'live' for the running cluster), besides NEW." };
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
            var (oldPaths, newPaths) = Sides(parsed.GetValue(oldPath), parsed.GetValue(newPath), parsed.GetValue(moreOld) ?? [], parsed.GetValue(moreNew) ?? []);
            common.Source.RequireUse(parsed, oldPaths, newPaths);
            var before = common.Load(parsed, io, oldPaths, side: true).Cluster;
            var after = common.Load(parsed, io, newPaths, side: true).Cluster;
            var report = DiffUseCase.Run(before, after, common.EngineOptions(parsed));
            Warnings.Write(io, report.Warnings);
            parsed.Chosen(output, DiffFormats.All).Write(report, CommonOptions.Output([.. oldPaths, .. newPaths]), io.Out);
            return Enum.TryParse<DiffGate>(parsed.GetValue(failOn), ignoreCase: true, out var gate) && report.Trips(gate)
                ? ExitCodes.Failed
                : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The paths of each version: OLD and NEW first, then --old and --new. One positional argument belongs to the side
    /// that has no option (<c>diff --old live ./manifests</c>); each side needs at least one path.
    /// </summary>
    private static (string[] Old, string[] New) Sides(string? oldArgument, string? newArgument, string[] moreOld, string[] moreNew)
    {
        if (oldArgument is not null && newArgument is null && moreNew.Length == 0 && moreOld.Length > 0)
            (oldArgument, newArgument) = (null, oldArgument);
        string[] oldPaths = [.. oldArgument is null ? [] : new[] { oldArgument }, .. moreOld];
        string[] newPaths = [.. newArgument is null ? [] : new[] { newArgument }, .. moreNew];
        if (oldPaths.Length == 0)
            throw new InvalidInputException(null, null, "OLD", "missing: give the old version as the first argument or with --old (a path, or 'live')");
        if (newPaths.Length == 0)
            throw new InvalidInputException(null, null, "NEW", "missing: give the new version as the second argument or with --new (a path, or 'live')");
        return (oldPaths, newPaths);
    }
}
