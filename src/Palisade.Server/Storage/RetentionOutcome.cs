namespace Palisade.Server.Storage;

/// <summary>
/// What a retention pass did: the records it deleted, and those it kept only because detection has not read them yet
/// (received before the age cutoff, or, the store still over its size limit, every record past the detection cursor).
/// </summary>
public sealed record RetentionOutcome(long Deleted, long HeldBack);
