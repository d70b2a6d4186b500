using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Flows;

/// <summary>
/// One alert of <c>flows check</c>, in the detection contract's terms: the detector, the endpoints as
/// <c>connectivity</c> names them (<c>*</c> for many destinations), the protocol and destination ports, the
/// span and number of connections aggregated, the policies behind the verdict, ATT&amp;CK techniques, and
/// for <c>via-policy-change</c> the change that caused it. Immutable.
/// </summary>
public sealed record FlowAlert(
    string Detector,
    Severity Severity,
    string Source,
    string Destination,
    string Protocol,
    IReadOnlyList<int> Ports,
    DateTimeOffset First,
    DateTimeOffset Last,
    long Count,
    string Message)
{
    /// <summary>The destination ports seen, in order.</summary>
    public IReadOnlyList<int> Ports { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ports);

    /// <summary>The policies behind the verdict.</summary>
    public IReadOnlyList<string> Policies { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>MITRE ATT&amp;CK technique ids.</summary>
    public IReadOnlyList<string> Attack { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where the first record of the alert was read (file and line), for reports that locate findings.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The recorded change the alert is due to (<c>via-policy-change</c>).</summary>
    public ClusterChange? Cause { get; init; }
}
