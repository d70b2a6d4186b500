using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Cli.Commands;

/// <summary>The inputs of the flow commands: flow files and their format, the cluster they ran in, and the reading pass.</summary>
internal sealed class FlowInputs
{
    public CommonOptions Common { get; } = new();

    public Argument<string[]> Files { get; } = new("FLOW-FILE")
    {
        Description = "Flow files (Hubble JSON lines, AWS VPC or GCP VPC flow logs, CSV; .gz read transparently); '-' for standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public FileListOption Cluster { get; } = new("--cluster", InputKind.Manifests,
        "The cluster the flows ran in: manifest files or directories (a 'kubectl get -o yaml' dump with pod IPs, Services, Nodes), or 'live' for the running cluster (--kubeconfig, --context).")
    {
        Required = true,
    };

    public Option<string> FormatOption { get; } = CreateFormatOption();

    /// <summary>The <c>--format</c> option of the commands that read flow files.</summary>
    public static Option<string> CreateFormatOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "The flow format: auto (detected per file), hubble, vpc, gcp or csv.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "hubble", "vpc", "gcp", "csv");
        return option;
    }

    /// <summary>The format a <c>--format</c> value asks for; null for auto-detection.</summary>
    public static FlowFormat? FormatOf(string? value) => value switch
    {
        "hubble" => FlowFormat.Hubble,
        "vpc" => FlowFormat.Vpc,
        "gcp" => FlowFormat.Gcp,
        "csv" => FlowFormat.Csv,
        _ => null,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        command.Options.Add(Cluster);
        command.Options.Add(FormatOption);
        Common.AddOptionsTo(command);
    }

    /// <summary>The flow files given.</summary>
    public IReadOnlyList<string> FlowPaths(ParseResult parsed) => parsed.GetValue(Files) ?? [];

    /// <summary>The format asked for; null for auto-detection.</summary>
    public FlowFormat? Format(ParseResult parsed) => FormatOf(parsed.GetValue(FormatOption));

    /// <summary>The cluster over time: as read, or replayed through the audit logs when some are given.</summary>
    public ClusterHistory History(ParseResult parsed, CliIo io, IReadOnlyList<string> auditLogs, ReadDiagnostics diagnostics) =>
        HistoryOf(Common, parsed, io, parsed.GetValue(Cluster) ?? [], auditLogs, diagnostics);

    /// <summary>
    /// The cluster of <paramref name="clusterPaths"/> over time: as read, or replayed through the audit logs when some
    /// are given. Only the states are wanted, so no audit rule runs on the events.
    /// </summary>
    public static ClusterHistory HistoryOf(CommonOptions common, ParseResult parsed, CliIo io, IReadOnlyList<string> clusterPaths,
        IReadOnlyList<string> auditLogs, ReadDiagnostics diagnostics)
    {
        if (auditLogs.Count == 0)
            return ClusterHistory.Static(common.Load(parsed, io, clusterPaths, keepLater: true).Cluster);
        var start = AuditLogInput.Start(common, parsed, io, clusterPaths);
        return AuditLogInput.Replay(start, auditLogs, diagnostics, io, new HashSet<string>(), false, []).History;
    }

    /// <summary>
    /// The records of the flow files, read on a second thread ahead of the caller (files are read faster than they are
    /// judged, and on two cores the two overlap), except from standard input, where a record is handed over as soon as
    /// it is read so that alerts follow the stream. With <paramref name="detectFirst"/>, each file is read in its detected
    /// format and <paramref name="format"/> only where none is detected.
    /// </summary>
    public static IEnumerable<FlowRecord> Records(IReadOnlyList<string> paths, FlowFormat? format, ReadDiagnostics diagnostics, Stream? standardInput,
        bool detectFirst = false)
    {
        var records = detectFirst ? FlowReaders.ReadDetected(paths, format, diagnostics, standardInput) : FlowReaders.Read(paths, format, diagnostics, standardInput);
        return paths.Contains("-") ? records : ReadAhead.Of(records);
    }

    /// <summary>Reads every flow file into the check, with a progress line on a terminal, and prints what the reading skipped.</summary>
    public FlowCheckResult Run(ParseResult parsed, CliIo io, FlowCheckContext context, IReadOnlyList<IFlowDetector> detectors, ReadDiagnostics diagnostics)
    {
        var check = new FlowCheck(context, detectors);
        var progress = new ProgressLine(io, "flows");
        var paths = FlowPaths(parsed);
        if (paths.Contains("-"))
        {
            // A live stream (hubble observe -f): what waits for a drop at another observation point is let go when the
            // stream has been quiet as long as the wait, so that its alerts are not held until the next record.
            foreach (var batch in ReadAhead.Live(Records(paths, Format(parsed), diagnostics, io.StandardInput()), FlowCheck.Hold))
            {
                if (batch.Count == 0)
                    check.Flush();
                foreach (var record in batch)
                    check.Observe(record);
            }
        }
        else
        {
            foreach (var record in Records(paths, Format(parsed), diagnostics, null))
            {
                check.Observe(record);
                progress.Tick(check.Flows);
            }
        }
        progress.Done();
        Warnings.Write(io, diagnostics.Warnings);
        return check.Result();
    }
}
