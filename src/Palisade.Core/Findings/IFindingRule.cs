namespace Palisade.Findings;

/// <summary>A rule that finds things in a context: a posture check now, flow and audit detectors later. Stateless.</summary>
public interface IFindingRule<in TContext>
{
    /// <summary>The rule's id, name, severity and references.</summary>
    RuleInfo Info { get; }

    /// <summary>What the rule finds in the context.</summary>
    IEnumerable<Finding> Run(TContext context);
}
