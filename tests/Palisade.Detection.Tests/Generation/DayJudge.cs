using Palisade.Findings;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Detection.Tests.Generation;

/// <summary>
/// Judges a day of flows by a cluster (with generated policies applied) as <c>flows check</c> does, and answers for
/// each request by its client address and port (the generator never reuses one), whether the policies allow it.
/// </summary>
public sealed class DayJudge : IFlowDetector
{
    private readonly Dictionary<(string, int), bool> _allowed = [];

    public DetectionRule Info { get; } = new(new RuleInfo("TEST", "day-judge", "Day judge", Severity.Info, "flows", "Records verdicts."), []);

    public static IReadOnlyDictionary<(string Ip, int Port), bool> Judge(Cluster cluster, string flowFile)
    {
        var judge = new DayJudge();
        var check = new FlowCheck(new FlowCheckContext(ClusterHistory.Static(cluster)), [judge]);
        foreach (var record in FlowReaders.Read([flowFile], null, new ReadDiagnostics(strict: true)))
            check.Observe(record);
        check.Flush();
        return judge._allowed;
    }

    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Record.Source is { } ip && flow.Record.SourcePort is { } port)
            _allowed.TryAdd((ip.ToString(), port), flow.PolicyAllows);
    }

    public string Describe(AlertDraft alert) => "";
}
