using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Posture;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade lint</c>: posture checks on the manifests, as a table, JSON, SARIF or Markdown, and a CI gate.</summary>
internal static class LintCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = OutputOption.For(CliFormats.Findings);
        var posture = new PostureOptions();
        var command = new Command("lint", "Check the manifests for network security weaknesses: coverage, policy mistakes, exposure, default ports, RBAC, mesh encryption, audit logging.");
        common.AddTo(command);
        common.AddStrictTo(command);
        command.Options.Add(output);
        posture.AddTo(command);
        var fixDir = FixDirOption.Create();
        command.Options.Add(fixDir);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var paths = common.PathsOf(parsed);
            if (parsed.GetValue(fixDir) is { } target)
                FixDirOption.Check(target);
            var report = posture.Run(parsed, common, io, paths, LintUseCase.Run);
            Warnings.Write(io, report.Warnings);
            parsed.Chosen(output, CliFormats.Findings).Write(report.Findings, CommonOptions.Output(paths), io.Out);
            if (parsed.GetValue(fixDir) is { } directory)
                io.Error.WriteLine($"wrote {FixDirOption.Write(directory, report.Findings)} fix file(s) to {directory}");
            return posture.Fails(parsed, report.Findings) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
