namespace Palisade.Audit.Events;

/// <summary>A record that is valid JSON but not a usable audit event or log record; the message says why.</summary>
internal sealed class RecordException(string problem) : Exception(problem);
