namespace Palisade.Audit.Policy;

/// <summary>What a policy records of a request: the first rule that matches (null when none does), the level and the omitted stages.</summary>
public sealed record AuditDecision(AuditRule? Rule, AuditLevel Level, IReadOnlyCollection<AuditStage> OmittedStages)
{
    /// <summary>OmittedStages, compared element by element.</summary>
    public IReadOnlyCollection<AuditStage> OmittedStages { get; init => field = ValueCollections.List(value); } = ValueCollections.List(OmittedStages);

    /// <summary>Whether the request body reaches the log: level Request or above, and the completion event is not omitted.</summary>
    public bool RecordsRequestBody => Level >= AuditLevel.Request && !OmittedStages.Contains(AuditStage.ResponseComplete);

    /// <summary>Why: <c>rules[2] (level Metadata)</c>, or that no rule matched.</summary>
    public string Describe() => Rule is null
        ? "no rule matches it, so it is not logged"
        : Level >= AuditLevel.Request
            ? $"{Rule.Field} logs it at level {Level} but omits stage {AuditStage.ResponseComplete}"
            : $"{Rule.Field} matches it first, at level {Level}";
}
