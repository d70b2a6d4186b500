using Palisade.Findings;
using System.CommandLine;
using Palisade.Posture;
using Palisade.Reporting.Findings;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade checks</c>: the catalogue of posture checks, for choosing what to disable or suppress.</summary>
internal static class ChecksCommand
{
    public static Command Create(CliIo io)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: txt or md.",
            DefaultValueFactory = _ => "txt",
        };
        output.AcceptOnlyFromAmong("txt", "md");
        var command = new Command("checks", "List the posture checks that lint and scan run: id, name, severity, category and references.");
        command.Options.Add(output);
        command.SetAction(parsed =>
        {
            var checks = CheckCatalog.All.Select(c => c.Info).ToArray();
            if (parsed.GetValue(output) == "md")
                CheckCatalogMarkdown.Write(checks, io.Out);
            else
            {
                foreach (var check in checks)
                    io.Out.WriteLine($"{check.Id}  {check.Severity.Name(),-8}  {check.Category,-15}  {check.Name}: {check.Title}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
