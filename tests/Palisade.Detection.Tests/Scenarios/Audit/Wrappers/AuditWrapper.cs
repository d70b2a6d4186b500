using Palisade.Detection.Tests.Scenarios.Audit.Log;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>
/// One way an audit log reaches us: the API server's log backend (Event lines), its webhook (one EventList),
/// GKE's Cloud Logging entries, AKS's diagnostic records and EKS's CloudWatch export.
/// </summary>
public abstract class AuditWrapper
{
    public abstract string Id { get; }
    public abstract string FileName { get; }

    /// <summary>Whether the wrapper can carry the request (GKE's entries carry no request URI, so no dry run, and no non-resource request).</summary>
    public virtual bool Expresses(AuditRequest request) => true;

    /// <summary>The file's text for the events (in file order) of the requests it expresses.</summary>
    public abstract string Write(IReadOnlyList<LoggedEvent> events);

    /// <summary>How many audit Events the contract's <c>events</c> counts in the file.</summary>
    public abstract int EventCount(IReadOnlyList<LoggedEvent> events);

    public static IReadOnlyList<AuditWrapper> All { get; } = [new EventLinesWrapper(), new EventListWrapper(), new GkeWrapper(), new AksWrapper(), new EksWrapper()];

    public static AuditWrapper ById(string id) => All.Single(w => w.Id == id);

    public override string ToString() => Id;
}
