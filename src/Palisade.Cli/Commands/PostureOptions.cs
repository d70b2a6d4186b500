using System.CommandLine;
using Palisade.Model;
using Palisade.Posture;
using Palisade.Findings;

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

    /// <summary>Loads the manifests leniently and runs the enabled checks.</summary>
    public FindingsResult Run(ParseResult parsed, CommonOptions common, CliIo io) => RunWithContext(parsed, common, io).Result;

    /// <summary>As <see cref="Run"/>, also returning the context (engine, connectivity) for reports that show more.</summary>
    public (PostureContext Context, FindingsResult Result) RunWithContext(ParseResult parsed, CommonOptions common, CliIo io)
    {
        var disabled = (parsed.GetValue(Disable) ?? [])
            .SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        foreach (var name in disabled)
        {
            if (!CheckCatalog.All.Any(c => c.Info.IsNamed(name)))
                throw new InvalidInputException(null, null, "--disable", $"unknown check \"{name}\" (ids run from {CheckCatalog.All[0].Info.Id} to {CheckCatalog.All[^1].Info.Id}; see docs/checks.md)");
        }
        var cluster = common.Load(parsed, io, parsed.GetValue(common.Paths) ?? [], lenient: true);
        var context = new PostureContext(cluster.Snapshot, cluster.Posture, common.EngineOptions(parsed));
        return (context, PostureRunner.Run(context, CheckCatalog.All, disabled));
    }

    /// <summary>Whether the result trips <c>--fail-on</c>.</summary>
    public bool Fails(ParseResult parsed, FindingsResult result) =>
        SeverityNames.TryParse(parsed.GetValue(FailOn), out var threshold) && result.AnyAtLeast(threshold);
}
