using System.CommandLine;
using Palisade.Connectivity;
using Palisade.Connectivity.Exposure;
using Palisade.Reporting.Connlist;
using Palisade.Reporting.Exposure;
using Palisade.Reporting.Explain;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade connectivity</c>: who can talk to whom, on which ports.</summary>
internal static class ConnectivityCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: txt, json, csv, md or dot (np-guard's formats).",
            DefaultValueFactory = _ => "txt",
        };
        output.AcceptOnlyFromAmong("txt", "json", "csv", "md", "dot");
        var granularity = new Option<string>("--granularity")
        {
            Description = "Report per workload (ns/name[Kind]) or per pod.",
            DefaultValueFactory = _ => "workload",
        };
        granularity.AcceptOnlyFromAmong("workload", "pod");
        var focus = new Option<string[]>("--focus")
        {
            Description = "Only the connections of these workloads: name, ns/name or ingress-controller (comma-separated or repeated).",
        };
        var explain = new Option<bool>("--explain")
        {
            Description = "Explain every pair: the rules that admit its connections, or why nothing does (our own text format).",
        };
        var exposure = new Option<bool>("--exposure")
        {
            Description = "Add the exposure analysis: what each workload is open to beyond the pods present (whole cluster, whole namespaces, pods that do not exist yet), and which workloads no policy protects (txt or json).",
        };
        var command = new Command("connectivity", "List the allowed connections between workloads and external address ranges.");
        common.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(granularity);
        command.Options.Add(focus);
        command.Options.Add(explain);
        command.Options.Add(exposure);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var cluster = common.Load(parsed, io);
            var engine = new PolicyEngine(cluster.Snapshot, common.EngineOptions(parsed));
            var report = ConnectivityAnalyzer.Analyze(engine, parsed.GetValue(granularity) == "pod" ? Granularity.Pod : Granularity.Workload);
            foreach (var warning in report.Warnings)
                io.Error.WriteLine($"warning: {warning}");
            var focused = (parsed.GetValue(focus) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (focused.Length > 0)
                report = Focus.Apply(report, focused);
            if (parsed.GetValue(explain))
            {
                MatrixExplanation.Write(engine, report, io.Out);
                return ExitCodes.Success;
            }
            ConnlistWriter.TryParse(parsed.GetValue(output) ?? "txt", out var format);
            if (parsed.GetValue(exposure))
            {
                if (format is not (ConnlistFormat.Txt or ConnlistFormat.Json))
                    throw new InvalidInputException(null, null, "--output", "--exposure writes txt or json");
                ExposureWriter.Write(ExposureAnalyzer.Analyze(engine, report), format, io.Out);
                return ExitCodes.Success;
            }
            ConnlistWriter.Write(report, format, io.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}
