using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>Reads one flow format: a stream in, records out, malformed records reported to the diagnostics.</summary>
public interface IFlowReader
{
    /// <summary>The format this reader reads.</summary>
    FlowFormat Format { get; }

    /// <summary>
    /// The records of <paramref name="source"/>, streamed in file order as the result is enumerated (once).
    /// A malformed record is reported to <paramref name="diagnostics"/> and skipped, or stops the read with
    /// an <see cref="Palisade.InvalidInputException"/> when the diagnostics are strict.
    /// </summary>
    IEnumerable<FlowRecord> Read(InputSource source, ReadDiagnostics diagnostics);
}
