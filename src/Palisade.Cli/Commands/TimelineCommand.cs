using System.CommandLine;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Reporting.Timeline;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade timeline</c>: each policy-relevant change of an audit log with the connections it opened and closed.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = OutputOption.For(TimelineWriter.Formats);
        var strict = new DetectionOptions().Strict;
        var logs = new Argument<string[]>("LOG") { Description = "Audit logs; '-' for standard input.", Arity = ArgumentArity.OneOrMore };
        var cluster = new FileListOption("--cluster", InputKind.Manifests, "The cluster before the log's first event (manifests, or 'live' for the running cluster).") { Required = true };
        var command = new Command("timeline", "List each change to policies, namespace and pod labels, Services and pods in an audit log, with the connections it opened and closed.");
        command.Arguments.Add(logs);
        command.Options.Add(cluster);
        command.Options.Add(output);
        command.Options.Add(strict);
        common.AddOptionsTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var start = AuditLogInput.Start(common, parsed, io, parsed.GetValue(cluster) ?? []);
            var (result, _, context) = AuditLogInput.Replay(start, parsed.GetValue(logs) ?? [], new Input.ReadDiagnostics(parsed.GetValue(strict)), io,
                new HashSet<string>(), false, [], options: common.EngineOptions(parsed));
            parsed.Chosen(output, TimelineWriter.Formats).Write(PolicyTimeline.Build(result, context), CommonOptions.Output(parsed.GetValue(logs) ?? []), io.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}
