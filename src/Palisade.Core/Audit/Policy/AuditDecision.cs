namespace Palisade.Audit.Policy;

/// <summary>What a policy records of a request: the first rule that matches (null when none does), the level and the omitted stages.</summary>
public sealed record AuditDecision(AuditRule? Rule, AuditLevel Level, IReadOnlyCollection<AuditStage> OmittedStages)
{
    /// <summary>OmittedStages, compared element by element.</summary>
    public IReadOnlyCollection<AuditStage> OmittedStages { get; init => field = ValueCollections.List(value); } = ValueCollections.List(OmittedStages);

    /// <summary>Whether the request reaches the log at the level or above, the completion event not omitted.</summary>
    public bool Records(AuditLevel needed) => Level >= needed && !OmittedStages.Contains(AuditStage.ResponseComplete);

    /// <summary>Why a request is not recorded at the needed level: the rule that matched it first and its level, or that no rule matched.</summary>
    public string Describe(AuditLevel needed = AuditLevel.Request) => Rule is null
        ? "no rule matches it, so it is not logged"
        : Level >= needed
            ? $"{Rule.Field} logs it at level {Level} but omits stage {AuditStage.ResponseComplete}"
            : $"{Rule.Field} matches it first, at level {Level}";
}
