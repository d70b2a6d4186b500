namespace Palisade.Findings;

/// <summary>
/// A detection rule (a flow detector or an audit rule): its rule metadata (stable id, the contract's name,
/// default severity, description) and the MITRE ATT&amp;CK techniques its alerts report.
/// </summary>
public sealed record DetectionRule(RuleInfo Rule, IReadOnlyList<string> Attack)
{
    /// <summary>The MITRE ATT&amp;CK technique ids its alerts carry.</summary>
    public IReadOnlyList<string> Attack { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Attack);

    /// <summary>The rule's name in the detection contract (<c>port-scan</c>, <c>exec</c>).</summary>
    public string Name => Rule.Name;
}
