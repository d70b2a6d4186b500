using System.CommandLine;
using Palisade.Audit.Detection;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Cli.Rendering;
using Palisade.Connectivity;
using Palisade.Input;
using Palisade.Kubernetes.Replay;
using Palisade.Model;

namespace Palisade.Cli.Commands;

/// <summary>Reading audit logs and the state they are replayed from, for audit, timeline, flows check --audit and connectivity --at.</summary>
internal static class AuditLogInput
{
    /// <summary>The <c>--trusted-users</c> option.</summary>
    public static Option<string[]> TrustedUsers() => new("--trusted-users")
    {
        Description = "Users whose writes to network policies are expected, not tampering (comma-separated or repeated); "
            + "* stands for any characters (system:serviceaccount:argocd:*), group:NAME for a group's members.",
    };

    /// <summary>The users of <c>--trusted-users</c>.</summary>
    public static IReadOnlySet<string> Users(ParseResult parsed, Option<string[]> option) =>
        (parsed.GetValue(option) ?? []).SelectMany(u => u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Where the replay starts: the cluster of <paramref name="clusterPaths"/> (manifests, or the running cluster:
    /// 'live', or none with --kubeconfig or --context) with its objects' bodies, or an empty cluster whose objects are
    /// unknown until the log writes them. The kubectl plugin does not read the current context by default here: the
    /// cluster as it runs now is rarely the state before a log's first event. An object declared twice keeps its later
    /// declaration (with a warning) when <paramref name="keepLater"/>, as the detection commands read it.
    /// </summary>
    public static AuditStart Start(CommonOptions common, ParseResult parsed, CliIo io, IReadOnlyList<string> clusterPaths, bool keepLater = true)
    {
        if (clusterPaths.Count == 0 && !common.Source.NamesCluster(parsed))
        {
            common.Source.RequireUse(parsed, clusterPaths);
            return new AuditStart(new ClusterBuilder(DuplicateRule.Reject).Build(), ObjectStore.Empty, false, new ReplayModel());
        }
        var bodies = new List<KeyValuePair<ObjectKey, System.Text.Json.Nodes.JsonNode>>();
        var loaded = common.Load(parsed, io, clusterPaths, bodies: bodies, keepLater: keepLater);
        return new AuditStart(loaded.Cluster, ObjectStore.Of(bodies), true, new ReplayModel());
    }

    /// <summary>The events of the logs, as a stream; malformed records are counted in the diagnostics.</summary>
    public static IEnumerable<AuditEvent> Read(AuditEventReader reader, IReadOnlyList<string> logs, ReadDiagnostics diagnostics, CliIo io) =>
        reader.Read(logs, diagnostics, logs.Contains("-") ? io.StandardInput() : null);

    /// <summary>
    /// Replays the logs from the start, running the rules, and prints what the reading skipped. What changes opened is
    /// judged with <paramref name="options"/>, the engine options the command's flags ask for.
    /// </summary>
    public static (AuditCheckResult Result, ClusterHistory History, AuditCheckContext Context) Replay(
        AuditStart start, IReadOnlyList<string> logs, ReadDiagnostics diagnostics, CliIo io, IReadOnlySet<string> trusted, bool showDenied,
        IReadOnlyList<IAuditRule> rules, Action<AuditAlert>? raised = null, ConnectivityOptions? options = null, bool keepHistory = true)
    {
        var context = AuditRun.Context(start, trusted, showDenied, options);
        if (raised is not null)
            context.Raised += raised;
        var reader = new AuditEventReader();
        var (result, history) = AuditRun.Run(Read(reader, logs, diagnostics, io), start, rules, context, keepHistory);
        Warnings.Write(io, diagnostics.Warnings);
        if (start.Model is ReplayModel model)
            Warnings.Write(io, model.Warnings);
        return (result, history, context);
    }
}
