using System.CommandLine;
using Palisade.Audit.Detectors;
using Palisade.Cli.Rendering;
using Palisade.Flows;
using Palisade.Flows.Baseline;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;
using Palisade.Reporting.Flows;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade flows check|baseline</c>: judge observed flows against the policies and a baseline, and detect abuse.</summary>
internal static class FlowsCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("flows", "Judge observed flows (Hubble, AWS VPC, GCP VPC, CSV) against the policies and detect abuse.");
        command.Subcommands.Add(Check(io));
        command.Subcommands.Add(Baseline(io));
        return command;
    }

    private static Command Check(CliIo io)
    {
        var inputs = new FlowInputs();
        var detection = new DetectionOptions();
        var formats = CliFormats.Flows;
        var output = OutputOption.For(formats);
        var audit = new FileListOption("--audit", InputKind.AuditLogs, "Audit logs: judge each flow by the policies in force at its time, and say which recorded change allowed it.");
        var baseline = new FileListOption("--baseline", InputKind.Baseline,
            "Baselines (from 'flows baseline') or flow files of a learning period: connections not seen there are new-connection alerts. A flow file after the first value needs its own --baseline.");
        var thresholds = new FlowThresholds();
        var command = new Command("check", "Resolve each flow to workloads at its time, judge it by the policies, and raise alerts (see docs/detection.md).");
        inputs.AddTo(command);
        command.Options.Add(audit);
        command.Options.Add(baseline);
        command.Options.Add(output);
        detection.AddTo(command);
        thresholds.AddTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(inputs.Common.Verbose), () =>
        {
            var options = thresholds.Options(parsed) with { Engine = inputs.Common.EngineOptions(parsed) };
            var history = inputs.History(parsed, io, parsed.GetValue(audit) ?? [], detection.Diagnostics(parsed));
            var known = LoadBaseline(parsed.GetValue(baseline) ?? [], history, options, inputs, parsed, detection, io);
            var context = new FlowCheckContext(history, options, known);
            var streaming = parsed.GetValue(output) == "jsonl";
            if (streaming)
            {
                context.Alerts.Opened += draft =>
                {
                    FlowAlertsJson.WriteLine(draft.ToAlert(), io.Out);
                    io.Out.Flush();
                };
            }
            var result = inputs.Run(parsed, io, context, DetectorCatalog.Create(), detection.Diagnostics(parsed));
            if (!streaming)
                parsed.Chosen(output, formats).Write(result, CommonOptions.Output(inputs.FlowPaths(parsed)), io.Out);
            return detection.Fails(parsed, result.Alerts.Select(a => a.Severity)) ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }

    private static Command Baseline(CliIo io)
    {
        var inputs = new FlowInputs();
        var detection = new DetectionOptions();
        var output = new Option<string>("--output", "-o") { Description = "The baseline file to write ('-' for standard output).", Required = true };
        var audit = new FileListOption("--audit", InputKind.AuditLogs, "Audit logs: resolve and judge each flow by the cluster at its time (pods created, deleted, relabelled).");
        var command = new Command("baseline", "Learn the connections delivered in the flows, for 'flows check --baseline'.");
        inputs.AddTo(command);
        command.Options.Add(audit);
        command.Options.Add(output);
        command.Options.Add(detection.Strict);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(inputs.Common.Verbose), () =>
        {
            var path = parsed.GetValue(output)!;
            if (path != "-")
                OutputPaths.CheckFile("--output", path);
            var history = inputs.History(parsed, io, parsed.GetValue(audit) ?? [], detection.Diagnostics(parsed));
            var learned = new FlowBaseline();
            var context = new FlowCheckContext(history, FlowCheckOptions.Default with { Engine = inputs.Common.EngineOptions(parsed) });
            var recorder = new BaselineRecorder(learned);
            inputs.Run(parsed, io, context, [recorder], detection.Diagnostics(parsed));
            recorder.Complete();
            if (path == "-")
            {
                using var buffer = new MemoryStream();
                BaselineJson.Write(learned, buffer);
                io.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                using var file = OutputPaths.CreateFile("--output", path);
                BaselineJson.Write(learned, file);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The baseline of <c>--baseline</c>: baseline files read as such, flow files learned with the same cluster;
    /// null when none is given.
    /// </summary>
    private static FlowBaseline? LoadBaseline(IReadOnlyList<string> files, ClusterHistory history, FlowCheckOptions options,
        FlowInputs inputs, System.CommandLine.ParseResult parsed, DetectionOptions detection, CliIo io)
    {
        if (files.Count == 0)
            return null;
        var baseline = new FlowBaseline();
        var flowFiles = new List<string>();
        foreach (var file in files)
        {
            using var source = InputSource.Open(file, file == "-" ? io.StandardInput() : null);
            if (BaselineJson.LooksLikeBaseline(source.Head.Span))
                BaselineJson.Read(file, source.Content, baseline);
            else
                flowFiles.Add(file);
        }
        if (flowFiles.Count > 0)
        {
            // Resolved and judged at their own times, as the checked flows are: a learning period within the audit log has the
            // pods the log created (before it, the history is the initial state).
            var learning = new FlowCheckContext(history, options);
            var recorder = new BaselineRecorder(baseline);
            var check = new FlowCheck(learning, [recorder]);
            var diagnostics = detection.Diagnostics(parsed);
            // --format names the format of the files checked; the learning period may have been captured otherwise.
            foreach (var record in FlowInputs.Records(flowFiles, inputs.Format(parsed), diagnostics, null, detectFirst: true))
                check.Observe(record);
            check.Flush();
            recorder.Complete();
            Warnings.Write(io, diagnostics.Warnings);
        }
        return baseline;
    }
}
