using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detection;

/// <summary>
/// One alert of <c>palisade audit</c>, in the detection contract's terms: the rule, the request's time, user,
/// verb and object (<c>Kind ns/name</c>), what it means, the connections the change opened (connectivity's
/// line format, workload granularity), and ATT&amp;CK techniques. Immutable.
/// </summary>
public sealed record AuditAlert(string Rule, Severity Severity, DateTimeOffset Time, string User, string Verb, string Object, string Message)
{
    /// <summary>The connections the change opened, <c>SRC =&gt; DST : CONNS</c>; empty when none or not applicable.</summary>
    public IReadOnlyList<string> Opened { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>MITRE ATT&amp;CK technique ids.</summary>
    public IReadOnlyList<string> Attack { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where the request's event was read (file and line).</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The time as the event wrote it, when in UTC; the JSON output gives it rather than <see cref="Time"/> reformatted.</summary>
    public string? TimeText { get; init; }

    /// <summary>The audit id of the request.</summary>
    public string AuditId { get; init; } = "";
}
