using System.CommandLine;
using System.Text.Json.Nodes;
using Palisade.Cli.Rendering;
using Palisade.Connectivity;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Reporting;

namespace Palisade.Cli.Commands;

/// <summary>Options shared by the commands that analyse a cluster read from manifests or from the running cluster.</summary>
internal sealed class CommonOptions
{
    public Argument<string[]> Paths { get; } = new("PATH")
    {
        Description = "Manifest files or directories (read recursively: .yaml, .yml, .json); '-' for standard input; 'live' for the running cluster (no PATH with --kubeconfig or --context, and in kubectl palisade, reads it too).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Where the cluster comes from: the live-cluster options and --namespace.</summary>
    public ClusterSourceOptions Source { get; } = new();

    public Option<string> IpBlockPodIps { get; } = new("--ipblock-pod-ips")
    {
        Description = "Whether ipBlock peers also match pods whose IPs fall inside them.",
        DefaultValueFactory = _ => "on",
    };

    public Option<bool> NpGuard { get; } = new("--np-guard")
    {
        Description = "Model the cluster as np-guard netpol-analyzer does: ipBlocks match external addresses only, hostNetwork pods are ordinary pods, IPv6 is skipped, Service ports resolve its way (see docs/semantics.md).",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Say what was ignored, and show details of internal errors.",
    };

    public Option<string[]> Exclude { get; } = new("--exclude")
    {
        Description = "Files or directories not to read, as globs (repeatable): *.tmpl, charts/**, test/ (directories only); .palisadeignore files in the directories read hold more.",
    };

    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "Stop at the first file that cannot be read (exit 2) instead of reporting it (PAL001) and reading the rest.",
    };

    public CommonOptions() => IpBlockPodIps.AcceptOnlyFromAmong("on", "off");

    public void AddTo(Command command)
    {
        command.Arguments.Add(Paths);
        AddOptionsTo(command);
    }

    /// <summary>
    /// Adds the options without the PATH argument, for commands that take paths otherwise; without the source's
    /// <c>--namespace</c> for a command whose own <c>--namespace</c> means something else (generate's).
    /// </summary>
    public void AddOptionsTo(Command command, bool sourceNamespace = true)
    {
        Source.AddTo(command, sourceNamespace);
        command.Options.Add(IpBlockPodIps);
        command.Options.Add(NpGuard);
        command.Options.Add(Verbose);
        command.Options.Add(Exclude);
    }

    /// <summary>Adds --strict, for the commands that read leniently (lint, scan).</summary>
    public void AddStrictTo(Command command) => command.Options.Add(Strict);

    /// <summary>The engine options the flags ask for.</summary>
    public ConnectivityOptions EngineOptions(ParseResult parsed)
    {
        var options = parsed.GetValue(NpGuard) ? ConnectivityOptions.NpGuard : ConnectivityOptions.Default;
        return parsed.GetResult(IpBlockPodIps) is { Implicit: false }
            ? options with { IpBlockMatchesPodIps = parsed.GetValue(IpBlockPodIps) == "on" }
            : options;
    }

    /// <summary>The paths given as PATH.</summary>
    public IReadOnlyList<string> PathsOf(ParseResult parsed) => parsed.GetValue(Paths) ?? [];

    /// <summary>How reports name files (relative to the working directory) and what they are about (the paths).</summary>
    public static OutputContext Output(IEnumerable<string> paths) => new(Environment.CurrentDirectory, string.Join(" ", paths));

    /// <summary>How to find and read the files: --exclude, -n, and whether an unreadable file stops the read.</summary>
    public InputOptions InputOf(ParseResult parsed, bool strict = true) => new()
    {
        Strict = strict,
        Exclude = (parsed.GetValue(Exclude) ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        DefaultNamespace = Source.DefaultNamespace(parsed),
    };

    /// <summary>
    /// Loads the cluster from the paths (or the running cluster), printing warnings (and with -v what was ignored) to
    /// standard error. An object declared twice is bad input unless <paramref name="lenient"/> (the posture commands
    /// report it as PAL209) or with --np-guard, whose corpus has such inputs: then the later declaration is kept, with
    /// a warning. A lenient read also skips unreadable files (PAL001) unless --strict. <paramref name="side"/> is set
    /// for one of diff's inputs, whose use of the live options diff checks; <paramref name="bodies"/> collects each
    /// object's JSON (the start of an audit replay); <paramref name="phases"/> shows a live read as a phase of the run.
    /// <paramref name="keepLater"/> keeps the later declaration with a warning, for the detection commands, whose
    /// cluster only resolves and judges what they read: refusing it would lose every alert.
    /// </summary>
    public LoadedCluster Load(ParseResult parsed, CliIo io, IReadOnlyList<string> paths, bool lenient = false, bool side = false,
        List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null, IProgress<string>? phases = null, bool keepLater = false)
    {
        var verbose = parsed.GetValue(Verbose);
        keepLater = keepLater || lenient || parsed.GetValue(NpGuard);
        var input = InputOf(parsed, strict: !lenient || parsed.GetValue(Strict));
        var loaded = side
            ? Source.LoadSide(parsed, io, paths, keepLater, verbose, input, bodies, phases)
            : Source.Load(parsed, io, paths, keepLater, verbose, input, bodies, phases);
        if (!lenient)
        {
            Warnings.Write(io, loaded.Cluster.Duplicates.Select(d =>
                $"{(d.Second.Location is { } at ? $"{at}: " : "")}{d.Second}: also declared at {d.First.Location?.ToString() ?? "the live cluster"}; the later declaration is used"));
        }
        return loaded;
    }
}
