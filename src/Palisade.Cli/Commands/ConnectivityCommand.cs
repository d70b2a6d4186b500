using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Connectivity;
using Palisade.Reporting.Connlist;
using Palisade.Reporting.Explain;
using Palisade.Reporting.Exposure;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade connectivity</c>: who can talk to whom, on which ports.</summary>
internal static class ConnectivityCommand
{
    private static readonly Dictionary<string, string> Flags = new() { ["focus"] = "--focus" };

    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var output = OutputOption.For(ConnlistFormats.All, " (np-guard's formats; html: one self-contained page with the graph and a searchable table)");
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
        var audit = new FileListOption("--audit", InputKind.AuditLogs, "Audit logs to replay onto the manifests (the state before the log's first event); with --at, answer for the state then.");
        var at = new Option<string?>("--at") { Description = "With --audit: the time (RFC 3339) whose state to answer for; default: after the last change." };
        var command = new Command("connectivity", "List the allowed connections between workloads and external address ranges.");
        common.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(granularity);
        command.Options.Add(focus);
        command.Options.Add(explain);
        command.Options.Add(exposure);
        command.Options.Add(audit);
        command.Options.Add(at);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            if (parsed.GetValue(explain) && parsed.GetValue(exposure))
                throw new InvalidInputException(null, null, "--explain", "and --exposure are separate reports: give one");
            if (parsed.GetValue(explain) && parsed.GetResult(output) is { Implicit: false } && parsed.GetValue(output) != "txt")
                throw new InvalidInputException(null, null, "--output", "--explain writes txt only");
            var focusNames = (parsed.GetValue(focus) ?? []).Select(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            // An empty value (an unset shell variable) names nothing, which is bad input like a name that matches nothing.
            if (focusNames.Any(names => names.Length == 0))
                throw new InvalidInputException(null, null, "--focus", "names no workload: give name, ns/name or ingress-controller");
            var cluster = StateAt(common, parsed, io, parsed.GetValue(audit) ?? [], parsed.GetValue(at));
            var request = new ConnectivityRequest
            {
                Options = common.EngineOptions(parsed),
                Granularity = parsed.GetValue(granularity) == "pod" ? Granularity.Pod : Granularity.Workload,
                Focus = focusNames.SelectMany(names => names).ToArray(),
            };
            if (parsed.GetValue(explain))
            {
                var matrix = ConnectivityUseCase.Explain(cluster, request);
                Warnings.Write(io, matrix.Warnings);
                MatrixExplanation.Write(matrix, io.Out);
                return ExitCodes.Success;
            }
            if (parsed.GetValue(exposure))
            {
                var report = ConnectivityUseCase.Exposure(cluster, request);
                Warnings.Write(io, report.Connectivity.Warnings);
                var format = ExposureFormats.All.Find(parsed.GetValue(output)!)
                    ?? throw new InvalidInputException(null, null, "--output", "--exposure writes txt or json");
                format.Write(report, CommonOptions.Output(common.PathsOf(parsed)), io.Out);
                return ExitCodes.Success;
            }
            var connectivity = ConnectivityUseCase.Stream(cluster, request);
            Warnings.Write(io, connectivity.Warnings);
            parsed.Chosen(output, ConnlistFormats.All).Write(connectivity, CommonOptions.Output(common.PathsOf(parsed)), io.Out);
            return ExitCodes.Success;
        }, Flags));
        return command;
    }

    /// <summary>The cluster of the manifests, or with audit logs the replayed state in force at the time asked.</summary>
    private static Model.Cluster StateAt(CommonOptions common, ParseResult parsed, CliIo io, IReadOnlyList<string> logs, string? at)
    {
        if (logs.Count == 0)
        {
            if (at is not null)
                throw new InvalidInputException(null, null, "--at", "needs --audit: the state at a time is replayed from audit logs");
            return common.Load(parsed, io, common.PathsOf(parsed)).Cluster;
        }
        if (common.PathsOf(parsed).Count == 0 && !common.Source.NamesCluster(parsed))
            throw ClusterSourceOptions.MissingPath();
        var start = AuditLogInput.Start(common, parsed, io, common.PathsOf(parsed), keepLater: false);
        var (_, history, _) = AuditLogInput.Replay(start, logs, new Input.ReadDiagnostics(), io, new HashSet<string>(), false, []);
        if (at is null)
            return history.States[^1].Cluster;
        // RFC 3339 first: it truncates a fraction beyond the 100 ns tick as the events' times are, where the general
        // parser rounds 02:59:59.999999999 up to 03:00:00 and would answer with a change made after the time asked.
        if (!Palisade.Reporting.Rfc3339.TryParse(at, out var time)
            && !DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out time))
            throw new InvalidInputException(null, null, "--at", $"\"{at}\" is not a time (RFC 3339, e.g. 2024-05-01T03:12:00Z)");
        var state = history.States[history.IndexAt(time.UtcTicks)];
        Warnings.Write(io, state.Unknown.Select(o => $"{o}: its state at {at} is unknown (a write was recorded without its body); the last known body is not used"));
        return state.Cluster;
    }
}
