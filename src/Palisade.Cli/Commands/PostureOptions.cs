using System.CommandLine;
using Palisade.Cli.Rendering;
using Palisade.Findings;
using Palisade.Posture;

namespace Palisade.Cli.Commands;

/// <summary>The options of the commands that run posture checks (lint, scan): disabling checks and the CI gate.</summary>
internal sealed class PostureOptions
{
    public Option<string[]> Disable { get; } = new("--disable")
    {
        Description = "Checks not to run, by id or name (comma-separated or repeated), e.g. --disable PAL105,host-port.",
    };

    public Option<string?> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit 1 when a finding is at least this severe: info, low, medium, high or critical.",
    };

    public PostureOptions() => FailOn.AcceptOnlyFromAmong([.. SeverityNames.All]);

    public void AddTo(Command command)
    {
        command.Options.Add(Disable);
        command.Options.Add(FailOn);
    }

    /// <summary>The lint options the flags ask for; an unknown check name is bad usage.</summary>
    public LintOptions Options(ParseResult parsed, CommonOptions common)
    {
        var disabled = (parsed.GetValue(Disable) ?? [])
            .SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        foreach (var name in disabled)
        {
            if (!CheckCatalog.All.Any(c => c.Info.IsNamed(name)))
                throw new InvalidInputException(null, null, "--disable", $"unknown check \"{name}\" (ids run from {CheckCatalog.All[0].Info.Id} to {CheckCatalog.All[^1].Info.Id}; see docs/checks.md)");
        }
        return new LintOptions { Connectivity = common.EngineOptions(parsed), Disabled = disabled };
    }

    /// <summary>
    /// Loads the inputs leniently and runs a posture report on them, showing the phases. The checks a partial read
    /// turned off are skipped as if disabled, so that lint and scan judge a partial cluster on the same checks.
    /// </summary>
    public TReport Run<TReport>(ParseResult parsed, CommonOptions common, CliIo io, IReadOnlyList<string> paths,
        Func<Model.Cluster, LintOptions, IProgress<string>, TReport> run)
    {
        var options = Options(parsed, common);
        using var progress = PhaseProgress.For(io);
        var loaded = common.Load(parsed, io, paths, lenient: true, phases: progress);
        return run(loaded.Cluster, options with { Disabled = [.. options.Disabled, .. ClusterSourceOptions.ChecksOff(loaded)] }, progress);
    }

    /// <summary>Whether the result trips <c>--fail-on</c>.</summary>
    public bool Fails(ParseResult parsed, FindingsResult result) =>
        SeverityNames.TryParse(parsed.GetValue(FailOn), out var threshold) && result.AnyAtLeast(threshold);
}
