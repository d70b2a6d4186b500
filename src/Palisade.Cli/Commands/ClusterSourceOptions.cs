using System.CommandLine;
using System.Text.Json.Nodes;
using Palisade.Cli.Rendering;
using Palisade.Kubernetes;
using Palisade.Kubernetes.Live;
using Palisade.Model;
using Palisade.Posture;

namespace Palisade.Cli.Commands;

/// <summary>
/// Where a command's cluster comes from, for every command that reads one: manifest paths, or the running cluster
/// (<c>--kubeconfig</c>, <c>--context</c>, <c>KUBECONFIG</c>, in-cluster configuration), which a path names with the
/// reserved word <c>live</c>, and which is read instead of paths when none is given but <c>--kubeconfig</c> or
/// <c>--context</c> is, or when palisade runs as the kubectl plugin (<c>kubectl palisade scan</c> reads the current
/// context, as kubectl's own commands do). A command adds the options with <see cref="AddTo"/> and gets its cluster
/// with <see cref="Load"/>.
/// </summary>
internal sealed class ClusterSourceOptions
{
    /// <summary>The path that means "the running cluster".</summary>
    public const string LiveWord = "live";

    /// <summary>The kubectl plugin's executable name (deploy/kubectl-plugin/build.sh).</summary>
    private const string PluginName = "kubectl-palisade";

    /// <summary>Whether this process is the kubectl plugin, whose commands read the cluster when given no path.</summary>
    private static readonly bool IsPlugin = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == PluginName;

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Read the running cluster of this kubeconfig instead of manifests: PATH may be left out, or name it 'live'. 'live' without it reads KUBECONFIG, ~/.kube/config or the pod's service account.",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to read (default: its current-context).",
    };

    public Option<string[]> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace, as kubectl has it: of manifest objects that name none (kubectl apply -n; default: default); of the live cluster, the one namespaced kinds are read from (kubectl get -n; repeatable, cluster-scoped kinds are read whole).",
    };

    public Option<bool> AllowPartial { get; } = new("--allow-partial")
    {
        Description = "Skip the kinds the cluster refuses to list (403) instead of failing, and say what their absence disables.",
    };

    public void AddTo(Command command, bool withNamespace = true)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        if (withNamespace)
            command.Options.Add(Namespace);
        command.Options.Add(AllowPartial);
    }

    /// <summary>
    /// Reads the cluster of the paths, printing warnings, what a partial read disables and (with <paramref name="verbose"/>)
    /// what was ignored on standard error. No path means the live cluster when --kubeconfig or --context is given, and
    /// in the kubectl plugin.
    /// </summary>
    public LoadedCluster Load(ParseResult parsed, CliIo io, IReadOnlyList<string> paths, bool lenient = false, bool verbose = false,
        InputOptions? input = null, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null, IProgress<string>? phases = null)
    {
        RequireUse(parsed, paths);
        return LoadSide(parsed, io, paths, lenient, verbose, input, bodies, phases);
    }

    /// <summary>
    /// Like <see cref="Load"/> for one of several inputs (diff's two sides), after <see cref="RequireUse"/> checked them
    /// together. <paramref name="input"/> says how to read manifest files (default: strictly, namespace-less objects in
    /// -n). With <paramref name="bodies"/>, each object's JSON is collected too (the start of an audit replay). The live
    /// read's progress goes to <paramref name="phases"/> when the command shows its phases, else to its own line.
    /// </summary>
    public LoadedCluster LoadSide(ParseResult parsed, CliIo io, IReadOnlyList<string> paths, bool lenient, bool verbose,
        InputOptions? input = null, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null, IProgress<string>? phases = null)
    {
        if (paths.Any(p => p != LiveWord) && (parsed.GetValue(Namespace) ?? []).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new InvalidInputException(null, null, "--namespace", "manifests take one namespace, for the objects that name none; give several only to read a live cluster");
        LoadedCluster loaded;
        using (var line = phases is null ? LiveProgressLine.On(io) : null)
        {
            var progress = phases is null ? line : LiveProgressLine.AsPhase(phases);
            input = (input ?? new InputOptions { DefaultNamespace = DefaultNamespace(parsed) }) with { ListUnknownFields = verbose };
            loaded = ClusterSource.Load(Inputs(parsed, paths, progress), io.In, lenient, input, bodies);
        }
        Warnings.Write(io, loaded.Cluster.Unread.Select(u => $"{u}; not read (PAL001)"));
        Warnings.Write(io, loaded.Warnings);
        Warnings.Write(io, loaded.Refused.GroupBy(u => u.Effect)
            .Select(g => $"not read (forbidden): {string.Join(", ", g.Select(u => u.Resource))}: {g.Key.Consequence}{Off(g.Key)}"));
        if (verbose)
        {
            foreach (var ignored in loaded.Ignored)
                io.Error.WriteLine($"info: {ignored}");
            foreach (var field in loaded.UnknownFields)
                io.Error.WriteLine($"info: {field}");
            foreach (var refused in loaded.Refused)
                io.Error.WriteLine($"info: {refused.Resource}: {refused.Reason}");
        }
        return loaded;
    }

    /// <summary>The namespace of manifest objects that name none: -n, else <c>default</c>.</summary>
    public string DefaultNamespace(ParseResult parsed) => parsed.GetValue(Namespace) is [var ns, ..] ? ns : "default";

    /// <summary>Whether the paths read the running cluster: one is 'live', or there are none and no path means the cluster.</summary>
    public bool ReadsCluster(ParseResult parsed, IReadOnlyList<string> paths) =>
        paths.Contains(LiveWord, StringComparer.Ordinal) || paths.Count == 0 && NoPathIsCluster(parsed);

    /// <summary>Rejects the live-cluster options when none of the inputs reads the cluster: they would be silently unused.</summary>
    public void RequireUse(ParseResult parsed, params IReadOnlyList<string>[] inputs)
    {
        if (!inputs.Any(paths => ReadsCluster(parsed, paths)) && LiveOption(parsed) is { } option)
            throw new InvalidInputException(null, null, option, $"reads a running cluster, but no input is '{LiveWord}': drop the paths, or add '{LiveWord}' among them");
    }

    /// <summary>The ids of the checks a partial read turned off, for lint and scan to skip.</summary>
    public static IReadOnlyList<string> ChecksOff(LoadedCluster loaded)
    {
        var off = loaded.Refused.Select(u => u.Effect.OffCategory).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. CheckCatalog.All.Where(c => off.Contains(c.Info.Category)).Select(c => c.Info.Id)];
    }

    private List<ClusterInput> Inputs(ParseResult parsed, IReadOnlyList<string> paths, IProgress<ReadProgress>? progress)
    {
        var request = new LiveRequest
        {
            Kubeconfig = parsed.GetValue(Kubeconfig),
            Context = parsed.GetValue(Context),
            Namespaces = parsed.GetValue(Namespace) ?? [],
            AllowPartial = parsed.GetValue(AllowPartial),
            Progress = progress,
        };
        if (paths.Count == 0)
        {
            return NoPathIsCluster(parsed)
                ? [ClusterInput.Cluster(request)]
                : throw MissingPath();
        }
        var inputs = new List<ClusterInput>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (path != LiveWord)
            {
                files.Add(path);
                continue;
            }
            if (files.Count > 0)
                inputs.Add(ClusterInput.Manifests([.. files]));
            files.Clear();
            inputs.Add(ClusterInput.Cluster(request));
        }
        if (files.Count > 0)
            inputs.Add(ClusterInput.Manifests(files));
        return inputs;
    }

    /// <summary>The error of a command given neither paths nor a cluster.</summary>
    public static InvalidInputException MissingPath() =>
        new(null, null, "PATH", $"missing: give manifest files or directories, or '{LiveWord}' (or --kubeconfig/--context) to read the running cluster");

    /// <summary>Whether --kubeconfig or --context names a cluster.</summary>
    public bool NamesCluster(ParseResult parsed) => parsed.GetValue(Kubeconfig) is not null || parsed.GetValue(Context) is not null;

    /// <summary>Whether no path means the running cluster: --kubeconfig or --context was given, or this is the kubectl plugin.</summary>
    private bool NoPathIsCluster(ParseResult parsed) => IsPlugin || NamesCluster(parsed);

    private string? LiveOption(ParseResult parsed) =>
        parsed.GetValue(Kubeconfig) is not null ? "--kubeconfig"
        : parsed.GetValue(Context) is not null ? "--context"
        : parsed.GetValue(AllowPartial) ? "--allow-partial"
        : null;

    private static string Off(PartialReadEffect effect)
    {
        if (effect.OffCategory is not { } category)
            return "";
        var ids = CheckCatalog.All.Where(c => c.Info.Category == category).Select(c => c.Info.Id).ToList();
        return ids.Count == 0 ? "" : $" ({ids[0]}–{ids[^1]})";
    }
}
