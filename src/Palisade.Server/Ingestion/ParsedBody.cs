using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// What a request body held: the records to commit, and how many of its items were refused with the first refusal's
/// one-line reason (only an audit batch refuses items one by one; a flow body is taken or refused whole).
/// </summary>
public sealed record ParsedBody(IReadOnlyList<IngestRecord> Records, int Rejected = 0, string? FirstError = null);
