using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.Consequences;

/// <summary>
/// One thing a workload's egress reaches that it should not, with what admits it: the side being open (no
/// policy governs it) or the rules that admit the connection. The finding of the cause lists it.
/// </summary>
public sealed record Consequence(ConsequenceKind Kind, Severity Severity, string Text, bool Open, IReadOnlyList<RuleMatch> Admitting)
{
    /// <summary>Admitting, compared element by element.</summary>
    public IReadOnlyList<RuleMatch> Admitting { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Admitting);

    /// <summary>Whether a rule that is a cause of its own (allow-all, any address) admits it: that rule's finding lists it.</summary>
    public bool ByPolicyCause => !Open && Admitting.Any(m => RuleBreadth.IsPolicyCause(m.Rule));

    /// <summary>Whether it is reported on its own (PAL402, PAL403): neither an open side nor a broad rule admits it.</summary>
    public bool Standalone => !Open && !ByPolicyCause;

    /// <summary>Whether this very rule (not an equal one of another policy) admits it.</summary>
    public bool AdmittedBy(PolicyRule rule) => Admitting.Any(m => ReferenceEquals(m.Rule, rule));

    /// <summary>The consequences in one phrase, worst first: "the cloud metadata service, ... and the internet".</summary>
    public static string List(IEnumerable<Consequence> consequences)
    {
        var texts = consequences.OrderBy(c => c.Kind).Select(c => c.Text).Distinct().ToArray();
        return texts.Length <= 1 ? string.Concat(texts) : $"{string.Join(", ", texts[..^1])} and {texts[^1]}";
    }

    /// <summary>The worst severity among the consequences, or the fallback when there are none.</summary>
    public static Severity Worst(IEnumerable<Consequence> consequences, Severity fallback) =>
        consequences.Select(c => c.Severity).DefaultIfEmpty(fallback).Max();
}
