using Palisade.Model;
using Palisade.Model.Changes;

namespace Palisade.Findings;

/// <summary>
/// One thing a rule found: what it is about (<see cref="Subject"/>, and the object when it is about one), what
/// is wrong and why (<see cref="Message"/>), and how to fix it (<see cref="Remediation"/>, with a ready manifest
/// or patch in <see cref="Fix"/> where one can be generated).
/// </summary>
public sealed record Finding
{
    /// <summary>A finding on an object, with the remediation to show.</summary>
    public Finding(RuleInfo rule, ResourceRef resource, string message, string remediation)
        : this(rule, resource.ToString(), message)
    {
        Resource = resource;
        Remediation = remediation;
    }

    /// <summary>A finding on something other than one object, such as a connection between two workloads.</summary>
    public Finding(RuleInfo rule, string subject, string message)
    {
        Rule = rule;
        Subject = subject;
        Message = message;
        Severity = rule.Severity;
    }

    /// <summary>The rule that found it.</summary>
    public RuleInfo Rule { get; init; }

    /// <summary>What the finding is about, as shown: <c>Service ns/name</c>, or a connection.</summary>
    public string Subject { get; init; }

    /// <summary>The object the finding is on, when it is on one: suppression and location go by it.</summary>
    public ResourceRef? Resource { get; init; }

    /// <summary>What is wrong, and why it matters.</summary>
    public string Message { get; init; }

    /// <summary>How to fix it, when the rule knows.</summary>
    public string? Remediation { get; init; }

    /// <summary>The severity: the rule's default unless the rule raised or lowered it for this case.</summary>
    public Severity Severity { get; init; }

    /// <summary>The field the finding points at (<c>spec.egress[0]</c>), when narrower than the object.</summary>
    public string? Field { get; init; }

    /// <summary>A ready YAML manifest or patch that fixes the finding, when one can be generated.</summary>
    public string? Fix { get; init; }

    /// <summary>What applying <see cref="Fix"/> does to the cluster, so that it can be proven in memory before it is offered.</summary>
    public ClusterEdit? FixChange { get; init; }

    /// <summary>Where to show the finding: the field's location when known, else the object's.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>What the producer knows beyond the message, as name and text (an alert's fields), for formats with a property bag (SARIF).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init => field = ValueCollections.List(value); } = [];
}
