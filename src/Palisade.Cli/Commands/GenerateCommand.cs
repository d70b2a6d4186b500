using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Flows.Formats;
using Palisade.Generate;
using Palisade.Input;
using Palisade.Kubernetes.Generation;
using Palisade.Model;
using Palisade.Reporting.Generate;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade generate</c>: least-privilege NetworkPolicies from observed traffic (or from manifests), proved by the engine.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliIo io)
    {
        var options = new GenerateOptionSet();
        var command = new Command("generate", "Generate least-privilege NetworkPolicies from observed flows (or from the manifests), and prove them with the engine (see docs/generate.md).");
        options.AddTo(command);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(options.Common.Verbose), () =>
        {
            var settings = options.Settings(parsed);
            if (parsed.GetValue(options.OutDirectory) is { } directory)
                OutputPaths.CheckDirectory("--out", directory);
            var result = options.FromManifests(parsed) is { Count: > 0 } manifests
                ? FromManifests(parsed, io, options, manifests, settings)
                : FromFlows(parsed, io, options, settings);
            Warnings.Write(io, result.Set.Warnings);
            Write(parsed, io, options, result);
            return result.Proof.Holds ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static GenerateResult FromFlows(ParseResult parsed, CliIo io, GenerateOptionSet options, GenerateOptions settings)
    {
        var flows = parsed.GetValue(options.Flows) ?? [];
        var clusterPaths = parsed.GetValue(options.Cluster) ?? [];
        if (flows.Length == 0 || clusterPaths.Length == 0)
            throw new InvalidInputException(null, null, null, "give --flows FILE... and --cluster PATH... (or --from-manifests PATH...)");
        var diagnostics = new ReadDiagnostics(strict: !parsed.GetValue(options.Lenient));
        var history = FlowInputs.HistoryOf(options.Common, parsed, io, clusterPaths, parsed.GetValue(options.Audit) ?? [], diagnostics);
        RequireNamespaces(settings, history.Initial, history.States[^1].Cluster);
        var session = new GenerateSession(history, settings);
        var progress = new ProgressLine(io, "flows");
        foreach (var record in FlowInputs.Records(flows, options.Format(parsed), diagnostics, flows.Contains("-") ? io.StandardInput() : null))
        {
            session.Observe(record);
            progress.Tick(session.Records);
        }
        progress.Done();
        Warnings.Write(io, diagnostics.Warnings);
        return session.Finish();
    }

    private static GenerateResult FromManifests(ParseResult parsed, CliIo io, GenerateOptionSet options, IReadOnlyList<string> paths, GenerateOptions settings)
    {
        if ((parsed.GetValue(options.Flows) ?? []).Length > 0 || (parsed.GetValue(options.Cluster) ?? []).Length > 0)
            throw new InvalidInputException(null, null, null, "--from-manifests reads the cluster from its own paths; it takes neither --flows nor --cluster");
        var (loaded, references) = ReferenceScanner.Load(paths, io.In, options.Common.InputOf(parsed));
        Warnings.Write(io, loaded.Warnings);
        RequireNamespaces(settings, loaded.Cluster);
        return GenerateUseCase.FromManifests(loaded.Cluster, references, settings);
    }

    /// <summary>
    /// Every namespace of --namespace is in the cluster (at its start or its end): a misspelt one would otherwise
    /// generate nothing and say every workload is isolated already.
    /// </summary>
    private static void RequireNamespaces(GenerateOptions settings, params Model.Cluster[] states)
    {
        foreach (var ns in settings.Namespaces)
        {
            if (!states.Any(s => s.Network.Namespaces.ContainsKey(ns)))
            {
                var known = states[^1].Network.Namespaces.Keys.Order(StringComparer.Ordinal);
                throw new InvalidInputException(null, null, "--namespace", $"no namespace {ns} in the cluster (it has {string.Join(", ", known)})");
            }
        }
    }

    private static void Write(ParseResult parsed, CliIo io, GenerateOptionSet options, GenerateResult result)
    {
        var report = GenerateText.Lines(result);
        var json = parsed.GetValue(options.Output) == "json";
        if (parsed.GetValue(options.OutDirectory) is { } directory)
        {
            WriteFiles(directory, result.Set.Policies, json);
            foreach (var line in report)
                io.Out.WriteLine(line);
            return;
        }
        if (json)
        {
            io.Out.Write(GeneratedPolicyWriter.Json(result.Set.Policies));
            foreach (var line in report)
                io.Error.WriteLine(line);
            return;
        }
        io.Out.Write(GeneratedPolicyWriter.Write(result.Set.Policies, report));
    }

    /// <summary>One file per policy, <c>DIR/namespace/name.yaml</c> (or <c>.json</c>).</summary>
    private static void WriteFiles(string directory, IReadOnlyList<GeneratedPolicy> policies, bool json)
    {
        foreach (var policy in policies)
        {
            var path = Path.Combine(policy.Policy.Namespace, policy.Policy.Name + (json ? ".json" : ".yaml"));
            OutputPaths.WriteUnder("--out", directory, path, json ? GeneratedPolicyWriter.Json([policy]) : GeneratedPolicyWriter.Document(policy));
        }
    }
}
