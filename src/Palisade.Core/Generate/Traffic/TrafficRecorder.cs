using Palisade.Findings;
using Palisade.Flows.Detection;

namespace Palisade.Generate.Traffic;

/// <summary>
/// Records each judged request into a <see cref="TrafficLog"/>, with the excluding detectors that flagged it. It
/// learns of the flags through the alert book, so it must run after those detectors, last in the list; it raises
/// nothing itself.
/// </summary>
public sealed class TrafficRecorder : IFlowDetector
{
    private readonly TrafficLog _log;
    private readonly GenerateOptions _options;
    private readonly List<string> _flags = [];

    /// <summary>Records into <paramref name="log"/> the flows checked in <paramref name="context"/>.</summary>
    public TrafficRecorder(FlowCheckContext context, TrafficLog log, GenerateOptions options)
    {
        _log = log;
        _options = options;
        context.Alerts.Raised += draft =>
        {
            var name = draft.Detector.Info.Name;
            if (_options.Excludes(name) && !_flags.Contains(name))
                _flags.Add(name);
        };
        context.Alerts.Opened += draft => _log.Opened(draft.Detector.Info.Name, draft.Source, draft.Destination, Flows.FlowProtocols.Name(draft.Protocol), draft.First);
    }

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL800", "traffic", "Traffic recorder", Severity.Info, "flows", "Learns the delivered connections to generate policies from."), []);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        try
        {
            _log.Add(flow, _flags, context.Resolver.IsPublic(flow.Destination));
        }
        finally
        {
            _flags.Clear();
        }
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => "";
}
