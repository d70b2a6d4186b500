using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Posture;
using Palisade.Scan;
using Palisade.Reporting.Scan;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade scan</c>: the one-stop report (connectivity summary, exposure, findings, risk) for the terminal, JSON or one HTML page.</summary>
internal static class ScanCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, json or html (one self-contained page).",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json", "html");
        var posture = new PostureOptions();
        var command = new Command("scan", "One-stop report: connectivity summary, exposure, findings grouped by severity and namespace, and the risk.");
        common.AddTo(command);
        command.Options.Add(output);
        posture.AddTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var (context, result) = posture.RunWithContext(parsed, common, io);
            var report = ScanBuilder.Build(context, result);
            switch (parsed.GetValue(output))
            {
                case "json": ScanJson.Write(report, io.Out); break;
                case "html": ScanHtml.Write(report, string.Join(" ", parsed.GetValue(common.Paths) ?? []), io.Out); break;
                default: ScanTable.Write(report, io.Out); break;
            }
            return posture.Fails(parsed, result) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
