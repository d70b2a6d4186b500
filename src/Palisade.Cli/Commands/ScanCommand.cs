using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Scan;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade scan</c>: the one-stop report (connectivity summary, exposure, findings, risk) for the terminal, JSON or one HTML page.</summary>
internal static class ScanCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = OutputOption.For(CliFormats.Scan, " (html: one self-contained page)");
        var posture = new PostureOptions();
        var command = new Command("scan", "One-stop report: connectivity summary, exposure, findings grouped by severity and namespace, and the risk.");
        common.AddTo(command);
        common.AddStrictTo(command);
        command.Options.Add(output);
        posture.AddTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var paths = common.PathsOf(parsed);
            var report = posture.Run(parsed, common, io, paths, ScanUseCase.Run);
            Warnings.Write(io, report.Warnings);
            parsed.Chosen(output, CliFormats.Scan).Write(report, CommonOptions.Output(paths), io.Out);
            return posture.Fails(parsed, report.Findings) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
