using Palisade.Model;

namespace Palisade.Findings;

/// <summary>
/// One weakness found by a check: the object, what is wrong and why (<see cref="Message"/>), how to fix it
/// (<see cref="Remediation"/>, with a ready manifest or patch in <see cref="Fix"/> where one can be generated).
/// </summary>
public sealed record Finding(RuleInfo Check, ResourceRef Resource, string Message, string Remediation)
{
    /// <summary>The severity: the check's default unless the check raised or lowered it for this case.</summary>
    public Severity Severity { get; init; } = Check.Severity;

    /// <summary>The field the finding points at (<c>spec.egress[0]</c>), when narrower than the object.</summary>
    public string? Field { get; init; }

    /// <summary>A ready YAML manifest or patch that fixes the finding, when one can be generated.</summary>
    public string? Fix { get; init; }

    /// <summary>Where to show the finding: the field's location when known, else the object's.</summary>
    public SourceLocation? Location { get; init; }
}
