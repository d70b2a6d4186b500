using System.CommandLine;
using Palisade.Posture;
using Palisade.Reporting;
using Palisade.Reporting.Findings;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade checks</c>: the catalogue of posture checks, for choosing what to disable or suppress.</summary>
internal static class ChecksCommand
{
    public static Command Create(CliIo io)
    {
        var output = OutputOption.For(CheckCatalogFormats.All);
        var command = new Command("checks", "List the posture checks that lint and scan run: id, name, severity, category and references.");
        command.Options.Add(output);
        command.SetAction(parsed =>
        {
            parsed.Chosen(output, CheckCatalogFormats.All).Write([.. CheckCatalog.All.Select(c => c.Info)], OutputContext.None, io.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
