using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Model;
using Palisade.Posture;
using Palisade.Reporting.Findings;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade lint</c>: posture checks on the manifests, as a table, JSON, SARIF or Markdown, and a CI gate.</summary>
internal static class LintCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, json, sarif or md.",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json", "sarif", "md");
        var posture = new PostureOptions();
        var command = new Command("lint", "Check the manifests for network security weaknesses: coverage, policy mistakes, exposure, default ports, RBAC, mesh encryption, audit logging.");
        common.AddTo(command);
        command.Options.Add(output);
        posture.AddTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var result = posture.Run(parsed, common, io);
            Enum.TryParse<FindingsFormat>(parsed.GetValue(output), ignoreCase: true, out var format);
            switch (format)
            {
                case FindingsFormat.Json: FindingsJson.Write(result, io.Out); break;
                case FindingsFormat.Sarif: FindingsSarif.Write(result, io.Out); break;
                case FindingsFormat.Md: FindingsMarkdown.Write(result, io.Out); break;
                default: FindingsTable.Write(result, io.Out); break;
            }
            return posture.Fails(parsed, result) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
