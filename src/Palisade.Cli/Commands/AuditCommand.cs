using System.CommandLine;
using Palisade.Audit.Detectors;
using Palisade.Cli.Rendering;
using Palisade.Reporting.Audit;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade audit</c>: who changed the network controls and what it opened, exec, exposure, RBAC escalation and more, from audit logs.</summary>
internal static class AuditCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var detection = new DetectionOptions();
        var formats = CliFormats.Audit;
        var output = OutputOption.For(formats);
        var logs = new Argument<string[]>("LOG") { Description = "Audit logs (Event lines, EventList, GKE, AKS or EKS exports; .gz read transparently); '-' for standard input.", Arity = ArgumentArity.OneOrMore };
        var cluster = new FileListOption("--cluster", InputKind.Manifests,
            "The cluster before the log's first event (manifests, or 'live' for the running cluster; --kubeconfig or --context alone read it too): what changes opened is judged from it.");
        var trusted = AuditLogInput.TrustedUsers();
        var showDenied = new Option<bool>("--show-denied") { Description = "Also judge requests the API server denied or failed (their alerts say so)." };
        var command = new Command("audit", "Read Kubernetes audit logs for policy tampering, exec, exposure changes, RBAC escalation, anonymous and secret access, host-network pods (see docs/detection.md).");
        command.Arguments.Add(logs);
        command.Options.Add(cluster);
        command.Options.Add(trusted);
        command.Options.Add(showDenied);
        command.Options.Add(output);
        detection.AddTo(command);
        common.AddOptionsTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var start = AuditLogInput.Start(common, parsed, io, parsed.GetValue(cluster) ?? []);
            var rules = AuditRuleCatalog.Create();
            var streaming = parsed.GetValue(output) == "jsonl";
            var (result, _, _) = AuditLogInput.Replay(start, parsed.GetValue(logs) ?? [], detection.Diagnostics(parsed), io,
                AuditLogInput.Users(parsed, trusted), parsed.GetValue(showDenied), rules,
                streaming ? alert => { AuditAlertsJson.WriteLine(alert, io.Out); io.Out.Flush(); } : null, common.EngineOptions(parsed), keepHistory: false);
            if (!streaming)
            {
                var report = new AuditReport(result.Events, result.Alerts, [.. rules.Select(r => r.Info)]);
                parsed.Chosen(output, formats).Write(report, CommonOptions.Output(parsed.GetValue(logs) ?? []), io.Out);
            }
            return detection.Fails(parsed, result.Alerts.Select(a => a.Severity)) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}
