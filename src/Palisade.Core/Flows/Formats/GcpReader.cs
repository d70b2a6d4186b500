using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads GCP VPC flow logs as Cloud Logging JSON entries: JSON lines, a JSON array
/// (<c>gcloud logging read --format=json</c>) or pretty-printed objects. GCP gives no verdict (Unknown)
/// unless the entry has a <c>disposition</c>; <c>reporter</c> gives the direction; GKE details give the pods.
/// </summary>
public sealed class GcpReader : IFlowReader
{
    /// <inheritdoc />
    public FlowFormat Format => FlowFormat.Gcp;

    /// <inheritdoc />
    public IEnumerable<FlowRecord> Read(InputSource source, ReadDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return EntryLoop.Records(JsonEntries.Open(source, diagnostics), new GcpEntryParser(diagnostics));
    }
}
