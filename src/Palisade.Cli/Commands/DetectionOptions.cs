using System.CommandLine;
using Palisade.Findings;
using Palisade.Input;

namespace Palisade.Cli.Commands;

/// <summary>The options of the commands that read logs and raise alerts (flows check, audit): the CI gate and strict reading.</summary>
internal sealed class DetectionOptions
{
    public Option<string?> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit 1 when an alert is at least this severe: info, low, medium, high or critical.",
    };

    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "Stop with exit 2 at the first malformed record instead of skipping it with a warning.",
    };

    public DetectionOptions() => FailOn.AcceptOnlyFromAmong([.. SeverityNames.All]);

    public void AddTo(Command command)
    {
        command.Options.Add(FailOn);
        command.Options.Add(Strict);
    }

    /// <summary>Diagnostics for one reading pass, strict as asked.</summary>
    public ReadDiagnostics Diagnostics(ParseResult parsed) => new(parsed.GetValue(Strict));

    /// <summary>Whether any of the severities trips <c>--fail-on</c>.</summary>
    public bool Fails(ParseResult parsed, IEnumerable<Severity> severities) =>
        SeverityNames.TryParse(parsed.GetValue(FailOn), out var threshold) && severities.Any(s => s >= threshold);
}
