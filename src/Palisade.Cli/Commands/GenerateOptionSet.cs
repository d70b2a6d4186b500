using System.CommandLine;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Generate;

namespace Palisade.Cli.Commands;

/// <summary>The options of <c>generate</c> and how they become <see cref="GenerateOptions"/>.</summary>
internal sealed class GenerateOptionSet
{
    public CommonOptions Common { get; } = new();

    public FileListOption Flows { get; } = new("--flows", InputKind.FlowLogs,
        "Flow files (Hubble JSON, AWS VPC or GCP VPC flow logs, CSV; .gz read transparently); '-' for standard input.");

    public FileListOption Cluster { get; } = new("--cluster", InputKind.Manifests,
        "The cluster the flows ran in: manifest files or directories (a 'kubectl get -o yaml' dump with pod IPs, Services, Nodes).");

    public FileListOption Audit { get; } = new("--audit", InputKind.AuditLogs,
        "Audit logs: each flow is resolved and judged in the state of its time; policies are generated for the last state.");

    public FileListOption Manifests { get; } = new("--from-manifests", InputKind.Manifests,
        "Generate without flows, from the Services the workloads name in their configuration (marked inferred).");

    public Option<string> FormatOption { get; } = FlowInputs.CreateFormatOption();

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: yaml (the report as comments above the manifests) or json (a List; the report on standard error).",
        DefaultValueFactory = _ => "yaml",
    };

    public Option<string?> OutDirectory { get; } = new("--out")
    {
        Description = "Write one file per policy under DIR/NAMESPACE/ and the report on standard output.",
    };

    public Option<string[]> Namespaces { get; } = new("--namespace")
    {
        Description = "Generate policies only for workloads of these namespaces (repeat or comma-separate); peers may be anywhere.",
    };

    public Option<string> ExternalEgress { get; } = new("--egress-external")
    {
        Description = "Pods' connections to public addresses: cidr (ipBlock rules, with the DNS names seen), fqdn-comment (no rule; named in comments) or deny.",
        DefaultValueFactory = _ => "cidr",
    };

    public Option<bool> DefaultDeny { get; } = new("--with-default-deny")
    {
        Description = "Add a default-deny policy (ingress and egress) to each namespace policies are generated for.",
    };

    public Option<string[]> IncludeFlagged { get; } = new("--include-flagged")
    {
        Description = $"Turn flagged flows into rules anyway: all, or some of {string.Join(", ", GenerateOptions.ExcludingDetectors)}.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> Lenient { get; } = new("--lenient")
    {
        Description = "Skip malformed flow records with a warning instead of stopping (rules from a partly read capture may be missing).",
    };

    public Option<int> AggregateAt { get; } = new("--aggregate-at")
    {
        Description = "Observed addresses in one /24 (IPv6 /64) that make an ipBlock rule admit the whole prefix.",
        DefaultValueFactory = _ => GenerateOptions.Default.AggregateAt,
    };

    public Option<string> ClusterDomain { get; } = new("--cluster-domain")
    {
        Description = "The cluster's DNS domain (svc.ns.svc.DOMAIN names in manifests; names never counted as exfiltration).",
        DefaultValueFactory = _ => "cluster.local",
    };

    public GenerateOptionSet()
    {
        Output.AcceptOnlyFromAmong("yaml", "json");
        ExternalEgress.AcceptOnlyFromAmong("cidr", "fqdn-comment", "deny");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Flows, Cluster, Audit, Manifests, FormatOption, Output, OutDirectory, Namespaces, ExternalEgress, DefaultDeny, IncludeFlagged, Lenient, AggregateAt, ClusterDomain })
            command.Options.Add(option);
        // --namespace chooses what policies are generated for; the cluster is read whole, since peers may be anywhere.
        Common.AddOptionsTo(command, sourceNamespace: false);
    }

    /// <summary>The manifest paths of <c>--from-manifests</c>.</summary>
    public IReadOnlyList<string> FromManifests(ParseResult parsed) => parsed.GetValue(Manifests) ?? [];

    /// <summary>The format asked for; null for auto-detection.</summary>
    public FlowFormat? Format(ParseResult parsed) => FlowInputs.FormatOf(parsed.GetValue(FormatOption));

    /// <summary>The generation settings the flags give; an unknown detector or a threshold below 1 is bad usage.</summary>
    public GenerateOptions Settings(ParseResult parsed)
    {
        var include = IncludedDetectors(parsed);
        if (parsed.GetValue(AggregateAt) < 1)
            throw new InvalidInputException(null, null, AggregateAt.Name, "must be at least 1");
        return new GenerateOptions
        {
            Check = FlowCheckOptions.Default with
            {
                Engine = Common.EngineOptions(parsed),
                ClusterDomain = Commands.ClusterDomain.Parse(parsed.GetValue(ClusterDomain)),
            },
            ExternalEgress = parsed.GetValue(ExternalEgress) switch
            {
                "fqdn-comment" => Palisade.Generate.ExternalEgress.FqdnComment,
                "deny" => Palisade.Generate.ExternalEgress.Deny,
                _ => Palisade.Generate.ExternalEgress.Cidr,
            },
            WithDefaultDeny = parsed.GetValue(DefaultDeny),
            Namespaces = Split(parsed.GetValue(Namespaces)),
            IncludeFlagged = include,
            AggregateAt = parsed.GetValue(AggregateAt),
        };
    }

    /// <summary>The detectors of <c>--include-flagged</c>: given without names, all of them.</summary>
    private IReadOnlyList<string> IncludedDetectors(ParseResult parsed)
    {
        if (parsed.GetResult(IncludeFlagged) is not { } given)
            return [];
        var names = Split(parsed.GetValue(IncludeFlagged));
        if (given.Tokens.Count == 0 || names.Contains("all"))
            return GenerateOptions.ExcludingDetectors;
        foreach (var name in names.Where(n => !GenerateOptions.ExcludingDetectors.Contains(n)))
            throw new InvalidInputException(null, null, IncludeFlagged.Name, $"\"{name}\" is not a detector whose flows are left out (all, {string.Join(", ", GenerateOptions.ExcludingDetectors)})");
        return names;
    }

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];
}
