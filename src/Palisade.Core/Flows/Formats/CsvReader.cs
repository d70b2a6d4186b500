using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads flows from CSV with the header <c>time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict</c>
/// (columns in any order, others ignored, RFC 4180 quoting). <c>time</c> is RFC 3339, <c>protocol</c> a name
/// or IANA number, <c>verdict</c> FORWARDED/ALLOWED/ACCEPT or DROPPED/DENIED/REJECT (a drop by policy) or empty.
/// </summary>
public sealed class CsvReader : IFlowReader
{
    /// <inheritdoc />
    public FlowFormat Format => FlowFormat.Csv;

    /// <inheritdoc />
    public IEnumerable<FlowRecord> Read(InputSource source, ReadDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return EntryLoop.Records(new RecordLines(source, diagnostics), new CsvLineParser(diagnostics));
    }
}
