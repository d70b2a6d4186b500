using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads Cilium Hubble flows as <c>hubble observe -o json</c> and the Hubble exporter write them: JSON
/// lines of <c>{"flow":{...},"node_name":...,"time":...}</c> envelopes or bare flow objects (a JSON array
/// or pretty-printed objects are read too, and lines of a container's log, <see cref="ContainerLogEntries"/>).
/// Every event is a record, replies included; other events (<c>lost_events</c>, <c>node_status</c>) are counted as
/// skipped.
/// </summary>
public sealed class HubbleReader : IFlowReader
{
    /// <inheritdoc />
    public FlowFormat Format => FlowFormat.Hubble;

    /// <inheritdoc />
    public IEnumerable<FlowRecord> Read(InputSource source, ReadDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return EntryLoop.Records(JsonEntries.Open(source, diagnostics), new HubbleFlowParser(diagnostics));
    }
}
