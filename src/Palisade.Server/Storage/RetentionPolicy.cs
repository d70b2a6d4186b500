namespace Palisade.Server.Storage;

/// <summary>How long records, alerts and changes are kept, and how large the record store may grow (null: no limit).</summary>
public sealed record RetentionPolicy(TimeSpan? MaxAge, long? MaxBytes)
{
    /// <summary>Seven days, no size limit.</summary>
    public static readonly RetentionPolicy Default = new(TimeSpan.FromDays(7), null);
}
